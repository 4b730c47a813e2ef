// 目标平台规则（dataset/targets/）的简体中文（与 en-target.ts 同键、同参数）。`target` 是平台的专有名称，不翻译。
import type { At, Translation } from './types';
import type { targetEn } from './en-target';

const ex = (at: At): string => `样本 ${at.example ?? '?'}`;
const msg = (p: { msg: number }, at: At): string => `${ex(at)}，第 ${p.msg} 条消息`;
const quote = (list: readonly string[]): string => list.map((s) => `"${s}"`).join('、');

export const targetZh: Translation<typeof targetEn> = {
  target_format: (p, at) => `${ex(at)} 是 ${p.found} 格式，${p.target} 不接受（它接受 ${p.formats.join('、')}）：请转换格式或选择其他目标。`,
  'target_format.dataset': (p) => `有 ${p.count} 个样本是 ${p.found} 格式，${p.target} 不用它训练${p.to ? `：请选择目标 ${p.to}` : ''}。`,
  target_extra_key: (p, at) => `${ex(at)} 有键 "${p.key}"，但 ${p.target} 拒绝 ${quote(p.allowed)} 以外的任何列：请删除它。`,
  target_role: (p, at) => `${msg(p, at)} 的角色是 ${p.role ?? '缺失'}；${p.target} 只接受 ${quote(p.allowed)}。`,
  target_alternation: (p, at) => `${msg(p, at)} 与上一条消息角色相同；${p.target} 要求用户和助手轮流发言：请合并它们。`,
  target_first_turn: (p, at) => `${msg(p, at)} 是系统提示之后的第一轮，却来自助手；${p.target} 要求对话从用户开始：请先加上用户的这一轮。`,
  target_last_turn: (p, at) => `${msg(p, at)} 结束了对话却没有回复；${p.target} 要求对话以助手的发言结束：请补上回复或删除最后一轮。`,
  target_system_position: (p, at) => `${msg(p, at)} 是位于开头之后的系统消息；${p.target} 只允许系统消息作为第一条：请把它移到开头或合并。`,
  target_no_assistant: (p, at) => `${ex(at)} 没有助手消息；${p.target} 至少需要一条回复用于训练：请写一条。`,
  target_content_type: (p, at) => `${msg(p, at)} 的内容不是纯文本（图片，或空的、异常的值）；${p.target} 在这里只接受文本：请写成文本。`,
  target_tool_calls: (p, at) => `${msg(p, at)} 含有工具调用，${p.target} 不接受：请删除工具相关的轮次。`,
  target_many_calls: (p, at) => `${msg(p, at)} 同时发起 ${p.count} 个工具调用；${p.target} 每轮只容纳一个调用：请拆分。`,
  target_weight: (p, at) => `${msg(p, at)} 的 weight 为 ${p.value}；${p.target} 只接受整数 0（不训练）或 1（训练）。`,
  target_image_role: (p, at) => `${msg(p, at)} 含有图片，但 ${p.target} 只接受用户消息中的图片：请移动它。`,
  target_image_source: (p, at) =>
    `${msg(p, at)}，第 ${p.part} 个内容部分：${p.target} 只接受以 base64 嵌入的 JPEG、PNG 或 WEBP 图片（"data:image/png;base64,…"），不接受链接或其他类型。`,
  target_image_weight: (p, at) => `${msg(p, at)} 同时含有图片和 weight；${p.target} 不允许图片消息带 weight：请删除 weight。`,
  target_preference_last: (p, at) => `${ex(at)}：输入的最后一条消息来自助手；${p.target} 要求输入以用户的发言结尾，两个输出回答的正是它。`,
  target_single_turn: (p, at) => `${ex(at)} 有不止一个用户轮次；${p.target} 只容纳一条指令及其输出：请拆分，或选择 ShareGPT。`,
  target_sharegpt_turn: (p, at) =>
    `${ex(at)}，第 ${p.msg} 轮：${p.target} 需要 {"from": "human" | "gpt" | "system" | "observation" | "function_call", "value": "文本"}。`,
  target_alpaca_field: (p, at) => `${ex(at)}：${p.target} 需要文本形式的 "${p.key}"。`,
  target_too_few: (p) => `${p.target} 至少需要 ${p.min} 个样本；这个数据集有 ${p.count} 个：请补充。`,
  target_too_many: (p) => `${p.target} 最多接受 ${p.max} 个样本；这个数据集有 ${p.count} 个：请拆分。`,
  target_mixed_formats: (p) => `数据集混用了多种格式（${p.formats.join('、')}）；${p.target} 拒绝包含多种格式的文件：每个文件只保留一种格式。`,
  target_mixed_images: (p) => `${p.total} 个样本中有 ${p.count} 个含图片，其余只有文本；${p.target} 不混合两者，会丢弃纯文本样本：请分成不同的数据集。`,
  target_weight_dropped: (p) => `有 ${p.count} 个样本使用了 "weight"，${p.target} 没有这个字段：导出时会删除它，因此 weight 为 0 的轮次也会参与训练。`,
  target_fits: (p) => `适用于 ${p.target}。`,
  target_fits_not: (p) => `不适用于 ${p.target}：${p.count} 个错误，第一个：${p.reason}`,
};
