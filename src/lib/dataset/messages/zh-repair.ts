// 建议修复的说明与导出目标不适配原因的简体中文（与 en-repair.ts 同键、同参数）。
import type { At, Render, Translation } from './types';
import type { repairEn } from './en-repair';

/** 最多列出四条，再说明还有多少条。 */
const list = (notes: readonly string[]): string => (notes.length > 4 ? `${notes.slice(0, 4).join('；')}；另有 ${notes.length - 4} 处` : notes.join('；'));

export const repairZh: Translation<typeof repairEn> = {
  'repair.bom_crlf': () => '删除了粘在记录上的字节顺序标记或回车符。',
  'repair.glued_split': (p) => `这一行有 ${p.count} 条记录粘在一起；每条记录将各占一行。`,
  'repair.json_syntax': () => '修正了 JSON 语法（例如多余的逗号、单引号、缺少的逗号或 Python 字面量）。',
  'repair.smart_quotes': () => '有弯引号（“ ”）被当作 JSON 字符串的引号使用；已替换为直引号。请检查它们附近的文本。',
  'repair.truncated': (p) => `这条记录被截断了，请检查结尾。已补上闭合字符（${JSON.stringify(p.closed)}）；最后一条消息可能不完整。`,
  'repair.truncated_dropped': (p) =>
    `这条记录被截断了，请检查结尾。已删除末尾未完成的部分 ${JSON.stringify(p.dropped)}（其中还没有文本），并补上闭合字符（${JSON.stringify(p.closed)}）。`,
  'repair.foreign_format': (p) => `已把这条 ${p.from} 格式的记录转换为 ${p.to} 格式。`,
  'repair.content_key': (p) => `已把键 "text" 重命名为 "content"：${list(p.notes)}。`,
  'repair.role_alias': (p) => `已把角色名改为 OpenAI 接受的名称：${list(p.notes)}。`,
  'repair.null_content': (p, _at: At, r: Render) => `缺少消息文本：${list(p.notes.map(r))}。`,
  'repair.note.system_removed': (p) => `删除了空的 system 消息 ${p.where}`,
  'repair.note.empty_text': (p) => `${p.where}（${p.role}）现在是空文本 ""——请写入缺少的文本`,
  'repair.arguments_to_string': (p) => `已按 OpenAI 的要求把工具调用的参数写成 JSON 文本（JSON 字符串）：${list(p.notes)}。`,
  'repair.weight_type': (p) => `已把 weight 改为整数 0 或 1：${list(p.notes)}。`,

  // 导出目标
  'target.invalid_json': (p) => `不是有效的 JSON：${p.text}…`,
  'target.not_chat': () => '不是对话示例。',
  'target.not_chat_trl': () => '不是对话示例（TRL 对话数据的形式是 {"messages": [...]}）。',
  'target.not_chat_fireworks': () => '不是对话示例（Fireworks SFT 接受的形式是 {"messages": [...]}）。',
  'target.not_preference': () => '不是偏好示例（input、preferred_output、non_preferred_output）。',
  'target.not_chat_or_preference': () => '既不是对话示例，也不是偏好示例。',
  'target.no_assistant': () => '没有可供训练的 assistant 回复。',
  'target.role': (p) => `第 ${p.msg} 条消息的角色是 ${p.role ?? '（缺失）'}；${p.target} 只接受 system、user 和 assistant（不接受工具调用）。`,
  'target.tool_calls': (p) => `第 ${p.msg} 条消息带有工具调用，而 ${p.target} 不接受工具调用。`,
  'target.no_text': (p) => `第 ${p.msg} 条消息没有纯文本内容（是图片或为空）${p.target !== undefined ? `，而 ${p.target} 不接受这种内容` : ''}。`,
  'target.system_late': (p) => `system 消息出现在开头之后；${p.target} 只允许它出现在最前面。`,
  'target.not_alternating': (p) => `对话轮次必须按 user、assistant、user…… 交替；第 ${p.msg} 条消息打破了这个顺序。`,
  'target.many_calls': (p) => `第 ${p.msg} 条消息一次发起了 ${p.count} 个工具调用；ShareGPT 每轮只能有一个。`,
  'target.bad_arguments': (p) => `第 ${p.msg} 条消息的工具调用参数不是有效的 JSON。`,
  'target.deep_arguments': (p) => `第 ${p.msg} 条消息的工具调用参数嵌套太深，无法转换。`,
  'target.sharegpt_role': (p) => `第 ${p.msg} 条消息的角色是 ${p.role ?? '（缺失）'}，ShareGPT 中没有对应的名称。`,
  'target.sharegpt_alternation': () => '对话轮次必须按 human、gpt、human…… 交替（工具结果算作 human 轮次），并以 gpt 结尾。',
  'target.alpaca_single_turn': () => 'Alpaca 只能容纳单轮对话（一条 user 消息和一条回复）；这个示例有更多轮。',
  'target.message_no_text': () => '有一条消息没有纯文本内容。',
  'target.image_source': (p) => `第 ${p.msg} 条消息中的图片不是 base64 编码的 JPEG、PNG 或 WEBP 数据（例如是链接），${p.target} 不接受。`,
  'target.image_weight': (p) => `第 ${p.msg} 条消息含有图片且带有 weight，${p.target} 不允许这样。`,
  'target.weight_dropped': () => '已去掉 "weight"：这个目标没有逐条消息的权重，因此 weight 为 0 的轮次也会参与训练。',
  'target.fireworks_min': (p) => `Fireworks 至少需要 ${p.min} 个示例；这次导出只有 ${p.count} 个。`,
};
