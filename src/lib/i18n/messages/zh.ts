// 应用自身消息的简体中文（与 en.ts 同键、同参数）：训练页的 API 错误与提示、训练前检查的问题、读取存储时发现的问题、
// 原始编辑器的快速修复。
import type { At, Render, Translation } from '../../dataset/messages/types';
import type { appEn } from './en';

/** API 错误之后附上"服务器返回：“…”"（如果服务器说了什么）。 */
const said = (p: { said?: string }, fallback = ''): string => (p.said ? ` 服务器返回：“${p.said}”` : fallback);

export const appZh: Translation<typeof appEn> = {
  // API 错误
  'api.aborted': () => '请求已停止。',
  'api.network': (p) => `无法连接到 ${p.host ?? 'API'}：连接中断，或者地址有误。请检查网络连接和 API 基础 URL，然后重试。`,
  'api.cors': (p) =>
    `${p.host ?? 'API'} 有响应，但没有浏览器需要的 CORS 头，所以这个页面看不到响应内容。当 API 基础 URL 不是允许浏览器调用的 OpenAI 兼容 API 时会出现这种情况；OpenAI 自身在返回错误（密钥错误或路径错误）时有时也不带这些头：请检查密钥和 API 基础 URL。`,
  'api.invalid_response': (p) =>
    `${p.host ?? 'API'} 返回的内容本应用无法读取${p.field ? `（其中的“${p.field}”缺失或与 API 文档不符）` : ''}。请确认 API 基础 URL 指向 OpenAI 兼容的 API（OpenAI 的是 https://api.openai.com/v1）。`,
  'api.bad_request': (p) => `请求被拒绝（400）。${said(p, '请检查设置后重试。')}`,
  'api.unauthorized': (p) => `API 密钥被拒绝（401）。请重新粘贴完整的密钥，确认它没有被吊销，并且属于这个端点（以及你填写的组织/项目）。${said(p)}`,
  'api.forbidden': (p) =>
    `没有权限（403）：这个密钥、组织或项目可能无法使用微调（新组织已不能再创建任务），或者项目缺少相应权限。请检查密钥的权限以及组织/项目字段。${said(p)}`,
  'api.not_found': (p) => `未找到（404）：请检查 API 基础 URL（OpenAI 的以 /v1 结尾），并确认这个密钥所属的组织下存在该模型或任务。${said(p)}`,
  'api.too_large': (p) => `文件对这个请求来说太大了（413）。超过 512 MB 的文件会自动分段上传；如果这个端点的上限更低，请拆分或缩小数据集。${said(p)}`,
  'api.quota': (p) => `你的额度已用完（429 insufficient_quota）。请在账单设置中充值或提高上限，然后重试。${said(p)}`,
  'api.rate_limited': (p) => `请求过多（429）：触发了速率限制。应用会在稍后自动重试；如果一直这样，请等一分钟再试。${said(p)}`,
  'api.server_error': (p) => `服务器出现问题（${p.status}）。这通常是暂时的：应用会自动重试；如果一直失败，请稍后再试。${said(p)}`,
  'api.failed': (p) => `请求失败（${p.status}）。${said(p)}`,
  'api.retrying': (p, _at: At, r: Render) =>
    `${typeof p.label === 'string' ? p.label : r(p.label)}：${r(p.error)} ${p.seconds} 秒后进行第 ${p.attempt} 次重试…`,
  'api.step.upload': () => '正在上传文件',
  'api.step.create_job': () => '正在创建任务',
  'api.url_invalid': () => '请输入完整的 URL，例如 https://api.openai.com/v1。',
  'api.url_insecure': () => '请使用 https://（只有 localhost 才允许使用普通 http），以免密钥以明文发送。',
  'api.error': (p) => p.text,
  'train.remember_refused': () => '浏览器拒绝保存密钥；它只保留在这个标签页的内存中。',

  // 训练前检查
  'invalid_n_examples.train': (p) => `训练文件只有 ${p.count} 个示例；OpenAI 至少需要 ${p.min} 个。请添加更多示例（从大约 50 个精心编写的示例开始比较好）。`,
  deadline_passed: (p) => `OpenAI 已于 ${p.date} 停止接受新的微调任务。请导出数据集，到其他平台训练（Azure OpenAI、Together、Fireworks 或开源模型训练工具）。`,
  'unknown_model.train': (p) => `“${p.model}”不在模型目录中：下面的费用和上限可能缺失。如果它不能微调，API 会给出提示。`,
  model_retired: (p) => `${p.model} 已于 ${p.date} 停用：请选择其他基础模型。`,
  method_not_supported: (p) => `${p.model} 不能用 ${p.format.replace('_', '/')} 文件训练。请选择支持 ${p.method} 的模型。`,
  validation_overlap: (p) => `${p.total} 个验证示例中有 ${p.count} 个也出现在训练文件里，验证损失会显得比实际更好。请从其中一个文件中删除它们。`,

  // 读取存储时发现的问题
  stored_dataset_unreadable: (p) => `无法读取这个数据集保存的名称和设置（${p.reason}）；示例已经加载。请重新命名，并检查模型和格式。`,
  stored_pack_unreadable: (p) => `有一批已保存的示例无法读取（${p.reason}）；其中的示例缺失了。如果还有原文件，请重新导入。`,
  stored_pack_newer: (p) => `有一批已保存的示例无法读取（${p.reason}）；其中的示例缺失了。如果还有原文件，请重新导入。`,
  stored_example_unreadable: (p) => `有一个已保存的示例无法读取（${p.reason}）。它保存的文本以原始记录显示：请修正或删除它。`,
  'stored_example_unreadable.no_id': () => '有一个已保存的示例没有可读的 id，无法加载；数据集中缺少了它。',
  stored_example_newer: (p) => `有一个已保存的示例无法读取（${p.reason}）。它保存的文本以原始记录显示：请修正或删除它。`,
  stored_order_unreadable: (p) => `无法读取这个数据集中示例的保存顺序（${p.reason}）；示例按存储顺序显示。如有需要，请重新排序。`,
  stored_example_missing: (p) => `这个数据集列出的示例中有 ${p.count} 个在存储中找不到，已跳过（浏览器可能清除了网站的部分数据）。`,
  stored_example_unlisted: (p) => `有 ${p.count} 个已保存的示例不在数据集的顺序中（可能是关闭标签页时保存被中断），已添加到末尾。请检查它们，删除不需要的。`,

  // 原始编辑器
  'raw.apply_fix': (p, _at: At, r: Render) => `应用修复：${r(p.fix)}`,
  'raw.apply_all': (p) => `应用全部 ${p.count} 个修复`,
};
