// 校验问题的简体中文说明（与 en-validate.ts 同键、同参数）。JSON 键名、取值和示例代码保持原样。
// 用词：JSON 数组称"列表"，JSON 字符串称"文本"（"JSON 字符串"指内容是 JSON 的文本）。
import type { At, Render, Translation } from './types';
import type { validateEn } from './en-validate';
import { specialTokenFamily, type SpecialTokenFamily } from '../special-tokens';
import { ARGS_EXAMPLE, CALL_SHAPE, SHAPES, TOOL_SHAPE, type Kind, type Place } from './shapes';
import { SERVER_SAYS as S } from '../validate/parity';

const KIND: Readonly<Record<Kind, string>> = {
  null: 'null',
  array: '列表',
  object: '对象',
  string: '文本',
  number: '数字',
  boolean: '布尔值',
  other: '其他类型的值',
};
const k = (kind: Kind): string => KIND[kind] ?? kind;
const NOUN: Readonly<Record<string, string>> = { messages: '消息', 'input.messages': '输入消息' };
const ex = (at: At): string => `示例 ${at.example ?? '?'}`;
const place = (p: Place, at: At): string =>
  p.msg !== undefined ? `${ex(at)} 的第 ${p.msg} 条${NOUN[p.list] ?? p.list}` : `${ex(at)} 的 ${NOUN[p.list] ?? p.list}`;
const where = (p: Place, at: At): string => (p.role !== undefined ? `${place(p, at)}（${p.role}）` : place(p, at));
const tool = (p: { tool: number }, at: At): string => `${ex(at)} 的第 ${p.tool} 个工具`;
const call = (p: Place & { call: number }, at: At): string => `${where(p, at)} 的第 ${p.call} 个工具调用`;
const part = (p: Place & { part: number }, at: At): string => `${where(p, at)} 的第 ${p.part} 个内容片段`;

/** 格式名称（detect.ts FORMAT_LABELS 的中文）。 */
export const FORMAT_LABELS_ZH: Readonly<Record<string, string>> = {
  chat: '对话（messages）',
  preference: '偏好（DPO）',
  prompt_completion: 'prompt/completion',
  sharegpt: 'ShareGPT',
  alpaca: 'Alpaca',
  trl_preference: 'TRL 偏好（prompt/chosen/rejected）',
  unknown: '未知格式',
};
const label = (f: string): string => FORMAT_LABELS_ZH[f] ?? f;
/** OpenAI 服务器的原话（保持英文，validate/parity.ts），放在我们的修改建议之后。 */
const says = (text: string): string => `OpenAI 的报错原文："${text}"`;
/** 服务器行为未知的代码（保持为警告）。 */
const UNKNOWN = 'OpenAI 会如何处理这种情况尚不清楚（没有文档说明，也没有人报告过）：Tuneset 只给出警告。';

const JSON_TYPE: Readonly<Record<string, string>> = { array: '数组', string: '字符串', number: '数字', object: '对象' };

/** 特殊 token 的说明：出现在哪里、为什么值得注意、怎么处理。 */
function specialTokens(where: string, tokens: readonly string[]): string {
  const families = new Set<SpecialTokenFamily>(tokens.map(specialTokenFamily));
  const why: string[] = [];
  if (families.has('tiktoken')) {
    why.push('它是 OpenAI 分词器（cl100k_base/o200k_base）的特殊 token，OpenAI 没有说明训练时如何处理它（很可能当作普通文本），而 tiktoken 等工具默认会拒绝它');
  }
  if (families.has('chatml')) why.push('ChatML 轮次标记通常说明粘贴进来的聊天记录还带着原来的标记');
  if (families.has('template')) why.push('其他模型的聊天模板标记通常说明粘贴进来的聊天记录还带着原来的标记');
  const it = tokens.length > 1 ? '它们' : '它';
  return `${where}包含 ${tokens.map((t) => `'${t}'`).join('、')}：${why.join('；')}。除非模型需要学会原样写出${it}，否则请删除${it}。`;
}

export const validateZh: Translation<typeof validateEn> = {
  // 记录
  not_an_object: (p, at) => {
    const what = p.kind === 'null' ? 'JSON 值 null' : p.kind === 'boolean' ? `JSON 值 ${p.value}` : `JSON ${JSON_TYPE[p.kind] ?? p.kind}`;
    const line = at.line !== undefined ? `（第 ${at.line} 行）` : '';
    return `${ex(at)}${line}是${what}，不是对象：每一行必须是一个形如 ${SHAPES[p.format]} 的 JSON 对象。请把这一行改成这种形式，或者删除它。`;
  },
  foreign_format: (p, at) => `${ex(at)} 看起来是 ${label(p.found)} 格式，不是 OpenAI 的格式：请把它转换为${label(p.target)}格式（导入文件时会自动转换）。`,
  wrong_format: (p, at) =>
    `${ex(at)} 是 ${label(p.found)} 格式，但这个数据集是${label(p.format)}格式：一个文件只能有一种格式，请把它移到另一个数据集，或者改写它。` +
    (p.found === 'chat' && p.format === 'preference' ? says(S.missingInput(at.example)) : ''),
  extra_key: (p, at) =>
    `${ex(at)} 含有多余的键 '${p.key}'（允许的键：${p.allowed.join('、')}）：请删除它，否则 OpenAI 会拒绝这个文件。${says(S.extraKey(at.example, p.key))}`,
  internal_error: (p, at) => `Tuneset 无法检查示例 ${at.example ?? '?'}（这是 Tuneset 的缺陷：${p.reason}）。请报告这个问题。`,
  invalid_json: (p, at, r: Render) =>
    `${ex(at)} 不是有效的 JSON（第 ${p.line} 行第 ${p.column} 列：${r(p.error).replace(/[。.]$/, '')}）：请修正语法；修正之前无法检查它，也不能用它训练。`,
  'invalid_json.unreadable': (_p, at) => `${ex(at)} 无法作为 JSON 读取：请修正它的文本；修正之前无法检查它，也不能用它训练。`,

  // 对话结构
  missing_messages: (p, at) =>
    `${ex(at)} 缺少键 'messages'：请添加 "${p.path}": [{"role": "user", "content": "..."}, {"role": "assistant", "content": "..."}]。`,
  messages_invalid: (p, at) => `${ex(at)}：'${p.path}' 必须是消息的列表，而不是${k(p.kind)}。`,
  messages_empty: (p, at) => `${ex(at)} 的 '${p.path}' 是空列表：请写入对话（至少一条 user 消息和一条 assistant 消息）。`,
  functions_deprecated: (_p, at) => `${ex(at)} 使用了已弃用的 'functions'：请改为在 'tools' 中声明。`,
  parallel_tool_calls_invalid: (p, at) => `${ex(at)}：'parallel_tool_calls' 必须是 true 或 false，而不是${k(p.kind)}。`,
  message_not_object: (p, at) => `${place(p, at)}必须是形如 {"role": "user", "content": "..."} 的对象，而不是${k(p.kind)}。`,
  missing_role: (p, at) => `${place(p, at)}没有 'role'：请添加 "role": "system"、"user"、"assistant" 或 "tool"。${says(S.discriminator('undefined'))}`,
  unknown_role: (p, at) => `${place(p, at)}的角色 ${p.value} 无法识别：请使用 "system"、"user"、"assistant" 或 "tool"。${says(S.discriminator(p.value))}`,
  'unknown_role.alias': (p, at) => `${place(p, at)}的角色 ${p.value} 无法识别：你是想写 "${p.alias}" 吗？${says(S.discriminator(p.value))}`,
  developer_role: (p, at) =>
    `${place(p, at)}的角色是 'developer'，它只用于强化微调文件：监督微调和偏好文件请使用 "system"。${says(S.discriminator('"developer"'))}`,
  message_extra_key: (p, at) =>
    `${where(p, at)}含有多余的键 '${p.key}'（允许的键：${p.allowed.join('、')}）：请删除它；OpenAI 的格式定义中没有这个键，文件可能被拒绝。`,
  missing_content: (p, at) => `${where(p, at)}缺少 'content'：请以 "content": "..." 的形式写入${p.role === 'tool' ? '工具结果' : '文本'}。`,
  content_null: (p, at) =>
    `${where(p, at)}的 content 为 null；只有发起工具调用的 assistant 消息可以这样：请在 'content' 中写入${p.role === 'tool' ? '工具结果' : '文本'}。${says(S.notString())}`,
  content_invalid: (p, at) => `${where(p, at)}：'content' 必须是文本（或内容片段的列表），而不是${k(p.kind)}。${says(S.notString())}`,
  'content_part_invalid.not_object': (p, at) => `${part(p, at)}必须是形如 {"type": "text", "text": "..."} 的对象，而不是${k(p.kind)}。`,
  'content_part_invalid.text_extra_key': (p, at) => `${part(p, at)}含有意外的键 '${p.key}'（文本片段的形式是 {"type": "text", "text": "..."}）：请删除它。`,
  'content_part_invalid.text': (p, at) => `${part(p, at)}需要在 'text' 中写入文本。`,
  'content_part_invalid.image_extra_key': (p, at) =>
    `${part(p, at)}含有意外的键 '${p.key}'（图片片段的形式是 {"type": "image_url", "image_url": {"url": "..."}}）：请删除它。`,
  'content_part_invalid.image_url_extra_key': (p, at) => `${part(p, at)}：image_url 含有意外的键 '${p.key}'（允许的键：url、detail）：请删除它。`,
  'content_part_invalid.type': (p, at) => `${part(p, at)}的类型是 ${p.type}；支持的片段类型是 "text"${p.images ? ' 和 "image_url"' : ''}。`,
  image_not_allowed: (p, at) => `${part(p, at)}是图片，但只有 user 消息可以包含图片：请把它移到一条 user 消息中。`,
  'image_not_allowed.preference': (p, at) => `${part(p, at)}是图片，但偏好（DPO）示例只能包含文本：请删除它。`,
  image_url_invalid: (p, at) => `${part(p, at)}：图片 url 必须是 http(s) 地址，或 JPEG、PNG、WEBP 图片的 base64 data URL（"data:image/png;base64,…"）。`,
  'image_url_invalid.missing': (p, at) => `${part(p, at)}需要 "image_url": {"url": "https://…" 或 "data:image/png;base64,…"}。`,
  image_detail_invalid: (p, at) => `${part(p, at)}：'detail' 必须是 "low"、"high" 或 "auto"（也可以省略）。`,
  too_many_images: (p, at) => `${ex(at)} 有 ${p.count} 张图片，最多只允许 ${p.max} 张：请拆分这个示例，或删除一些图片。`,
  empty_content: (p, at) => `${where(p, at)}的内容为空：请写入内容，或删除这条消息。${UNKNOWN}`,
  'empty_content.completion': (_p, at) => `${ex(at)} 的 completion 为空，模型从中学不到任何东西：请写入 completion。`,
  tool_content_array: (p, at) => `${where(p, at)}：工具消息的内容写成列表的文件曾被 OpenAI 拒绝（尽管它的格式定义允许列表）：请把工具结果写成纯文本。`,
  assistant_missing_content: (p, at) => `${where(p, at)}没有内容：请在 'content' 中写入回复（或为它添加 'tool_calls'）。`,
  name_invalid: (p, at) => `${where(p, at)}：'name' 必须是文本，而不是${k(p.kind)}。${says(S.notString())}`,
  'name_invalid.missing': (p, at) => `${where(p, at)}需要写明它回应的函数的 'name'（或改用 tool_calls 和 "tool" 消息）。`,
  refusal_invalid: (p, at) => `${where(p, at)}：'refusal' 必须是文本（或 null），而不是${k(p.kind)}。${says(S.notString())}`,
  weight_not_allowed: (p, at) => `${where(p, at)}带有 'weight'，但只有 assistant 消息可以设置它：请删除它。`,
  'weight_not_allowed.preference': (p, at) => `${where(p, at)}带有 'weight'，但偏好输出不接受它：请删除它。`,
  weight_invalid: (p, at) => `${where(p, at)}：'weight' 必须是 0（不用这条回复训练）或 1（用它训练），而不是 ${p.value}。`,
  function_call_deprecated: (p, at) => `${where(p, at)}：'function_call' 已弃用：请改用 'tool_calls'。`,
  function_role_deprecated: (p, at) => `${where(p, at)}：'function' 角色已弃用：请改用 tool_calls 和 "tool" 消息。`,

  // 工具与工具调用
  tools_invalid: (p, at) => `${ex(at)}：'tools' 必须是工具定义的列表，而不是${k(p.kind)}。`,
  'tool_invalid.not_object': (p, at) => `${tool(p, at)}必须是形如 ${TOOL_SHAPE} 的对象。`,
  'tool_invalid.extra_key': (p, at) => `${tool(p, at)}含有意外的键 '${p.key}'：请删除它。`,
  'tool_invalid.type': (p, at) => `${tool(p, at)}必须带有 "type": "function"。`,
  'tool_invalid.no_function': (p, at) => `${tool(p, at)}需要一个形如 ${TOOL_SHAPE} 的 'function' 对象。`,
  'tool_invalid.function_extra_key': (p, at) =>
    `${tool(p, at)}：function 含有意外的键 '${p.key}'（允许的键：name、description、parameters、strict）：请删除它。`,
  'tool_invalid.description': (p, at) => `${tool(p, at)}：'description' 必须是文本。`,
  'tool_invalid.strict': (p, at) => `${tool(p, at)}：'strict' 必须是 true 或 false。`,
  tool_name_invalid: (p, at) => `${tool(p, at)}：函数名 '${p.name}' 必须由 1–64 个字母、数字、'_' 或 '-' 组成。`,
  'tool_name_invalid.missing': (p, at) => `${tool(p, at)}需要一个由 1–64 个字母、数字、'_' 或 '-' 组成的函数 'name'。`,
  tool_name_duplicate: (p, at) => `${ex(at)}：函数 '${p.name}' 在 'tools' 中定义了两次：请只保留一个。`,
  'tool_parameters_invalid.not_object': (p, at) =>
    `${tool(p, at)}：'parameters' 必须是形如 {"type": "object", "properties": {...}} 的 JSON Schema 对象，而不是${k(p.kind)}。`,
  'tool_parameters_invalid.type': (p, at) => `${tool(p, at)}：'parameters' 必须描述一个对象（"type": "object"），而不是 ${p.type}。`,
  'tool_calls_invalid.not_list': (p, at) => `${where(p, at)}：'tool_calls' 必须是调用的列表，而不是${k(p.kind)}。`,
  'tool_calls_invalid.empty': (p, at) => `${where(p, at)}：'tool_calls' 是空列表：请删除它，或添加一个调用。`,
  'tool_call_invalid.not_object': (p, at) => `${call(p, at)}必须是形如 ${CALL_SHAPE} 的对象。`,
  'tool_call_invalid.extra_key': (p, at) => `${call(p, at)}含有意外的键 '${p.key}'（允许的键：id、type、function）：请删除它。`,
  'tool_call_invalid.id': (p, at) => `${call(p, at)}需要一个 'id'（文本，例如 "call_1"），供后面的 tool 消息回应。`,
  'tool_call_invalid.type': (p, at) => `${call(p, at)}必须带有 "type": "function"。`,
  'tool_call_invalid.no_function': (p, at) => `${call(p, at)}需要一个带有 'name' 和 'arguments' 的 'function' 对象，形如 ${CALL_SHAPE}。`,
  'tool_call_invalid.function_extra_key': (p, at) => `${call(p, at)}：function 含有意外的键 '${p.key}'（允许的键：name、arguments）：请删除它。`,
  'tool_call_invalid.name': (p, at) => `${call(p, at)}需要函数的 'name'（文本）。`,
  'tool_call_invalid.arguments': (p, at) => `${call(p, at)}的 'arguments' 必须是 JSON 字符串，例如 ${ARGS_EXAMPLE}（没有参数时写 "{}"）。`,
  tool_call_arguments_not_string: (p, at) =>
    `${call(p, at)}：arguments 必须是 JSON 字符串，例如 ${ARGS_EXAMPLE}，而不是${k(p.kind)}——Tuneset 可以帮你转换。${says(S.notString())}`,
  tool_call_arguments_invalid_json: (p, at) => `${call(p, at)}：'arguments' 不是有效的 JSON：请写成 JSON 文本，例如 ${ARGS_EXAMPLE}（没有参数时写 "{}"）。`,
  tool_call_id_duplicate: (p, at) => `${call(p, at)}：id '${p.id}' 在这个示例中用了两次：请给每个调用一个独立的 id。`,
  tool_call_unknown_function: (p, at) => `${call(p, at)}调用了 '${p.name}'，但这个示例的 'tools' 中没有定义它：请补上它的定义，或修正函数名。${UNKNOWN}`,
  tool_call_unanswered: (p, at) =>
    `${where(p, at)}发起了工具调用 '${p.id}'，但后面没有 tool 消息回应它：请添加一条带有 "tool_call_id": "${p.id}" 的 "tool" 消息。${UNKNOWN}`,
  missing_tool_call_id: (p, at) => `${where(p, at)}需要一个 'tool_call_id'，指明它回应的是哪一个 assistant 工具调用。`,
  tool_response_unknown_id: (p, at) =>
    `${where(p, at)}回应的是工具调用 '${p.id}'，但前面没有任何 assistant 消息发起过这个 id 的调用：请修正 id，或补上这个调用。`,

  // 内容质量
  missing_system_message: (_p, at) => `${ex(at)} 没有 system 消息：建议加上你在生产环境中将使用的同一个系统提示词。`,
  missing_user_message: (_p, at) => `${ex(at)} 没有 user 消息：请加上 assistant 所回答的用户发言。`,
  'missing_user_message.input': (_p, at) => `${ex(at)}：'input.messages' 中没有 user 消息：请加上两个输出所回答的用户发言。`,
  missing_assistant_message: (_p, at) =>
    `${ex(at)} 没有 assistant 消息，模型从中学不到任何东西，OpenAI 也会拒绝整个文件：请加上模型应当给出的回复，或删除这个样本。${says(S.noAssistant())}`,
  last_not_assistant: (_p, at) => `${ex(at)} 没有以 assistant 消息结尾；最后一条回复之后的消息不会参与训练：请以要学习的回复结尾，或删除末尾多余的消息。`,
  no_trainable_assistant: (_p, at) => `${ex(at)}：所有 assistant 消息的 weight 都是 0，没有内容参与训练：请在要学习的回复上设置 "weight": 1。${UNKNOWN}`,
  invalid_token: (p, at) =>
    `${p.field !== undefined ? `${ex(at)} 的 ${p.field} ` : where(p as Place, at)}包含 ${p.tokens.map((t) => `'${t}'`).join('、')}，这是 OpenAI 分词器的特殊 token，OpenAI 会拒绝整个文件：请删除，或换一种写法（例如加空格：“< |endoftext| >”）。${says(S.invalidToken(p.tokens[0]))}`,
  special_tokens: (p, at) => specialTokens(p.field !== undefined ? `${ex(at)} 的 ${p.field} ` : where(p as Place, at), p.tokens),

  // 偏好（DPO）
  missing_input: (_p, at) => `${ex(at)} 缺少键 'input'：请添加 "input": {"messages": [...]}，写入到目前为止的对话。${says(S.missingInput(at.example))}`,
  input_invalid: (p, at) => `${ex(at)}：'input' 必须是形如 {"messages": [...]} 的对象，而不是${k(p.kind)}。`,
  preference_output_invalid: (p, at) =>
    `${ex(at)}：'${p.key}' 必须是只包含一条 assistant 消息的列表，形如 [{"role": "assistant", "content": "..."}]${p.count !== undefined ? `，而不是 ${p.count} 条消息` : ''}。`,
  'preference_output_invalid.missing': (p, at) => `${ex(at)} 缺少键 '${p.key}'：请添加 "${p.key}": [{"role": "assistant", "content": "..."}]。`,
  'preference_output_invalid.role': (p, at) => `${where(p, at)}：偏好输出必须是 assistant 消息。`,
  preference_outputs_identical: (_p, at) => `${ex(at)}：偏好输出和非偏好输出完全相同，没有可偏好的差别：请让两者有所不同。${UNKNOWN}`,

  // prompt/completion
  missing_prompt: (_p, at) => `${ex(at)} 缺少键 'prompt'：请添加 "prompt": "..."。`,
  missing_completion: (_p, at) => `${ex(at)} 缺少键 'completion'：请添加 "completion": "..."。`,
  prompt_invalid: (p, at) => `${ex(at)}：'prompt' 必须是文本，而不是${k(p.kind)}。${says(S.notString())}`,
  completion_invalid: (p, at) => `${ex(at)}：'completion' 必须是文本，而不是${k(p.kind)}。${says(S.notString())}`,

  // 数据集
  invalid_n_examples: (p) =>
    `这个文件只有 ${p.count} 个示例，OpenAI 至少需要 ${p.min} 个：请再添加 ${p.min - p.count} 个（OpenAI 建议从大约 50 个精心编写的示例开始）。${says(S.tooFew(p.count, p.min))}`,
  mixed_formats: (p) =>
    `这个文件混用了多种格式：${p.formats.map((f, i) => `${label(f)}（首次出现在示例 ${p.firsts[i]}）`).join('、')}。一个文件只能有一种格式；这个数据集是${label(p.format)}格式，请把其他示例移到它们自己的数据集中。`,
  duplicate_example: (p, at) =>
    `${ex(at)} 与示例 ${p.first}${p.first_line !== undefined ? `（第 ${p.first_line} 行）` : ''}完全重复：请删除其中一份；重复会浪费 token，并让这个示例的权重过高。`,

  // 训练任务
  method_mismatch: (p) =>
    p.method === 'dpo'
      ? `这是${label(p.format)}格式的文件，但任务的方法是 DPO，它只用偏好示例训练：请选择监督（supervised）方法，或使用偏好数据集。${says(S.missingInput(1))}`
      : `这是${label(p.format)}格式的文件，但任务的方法是监督（supervised），它只用对话示例训练：请选择 DPO 方法（并选一个支持它的模型），或使用对话数据集。`,
};
