// 读取文件时发现的问题、JSON 语法错误、报告中的 token 上限与模型问题的简体中文说明（与 en-file.ts 同键、同参数）。
import type { At, Render, Translation } from './types';
import type { BinaryKind, fileEn } from './en-file';

/** 已知二进制格式的名称。 */
const BINARY_NAMES: Readonly<Record<BinaryKind, string>> = {
  png: 'PNG 图片',
  jpeg: 'JPEG 图片',
  gif: 'GIF 图片',
  riff: 'RIFF 文件（WebP 图片或 WAV 音频）',
  pdf: 'PDF 文档',
  zip: 'ZIP 压缩包（Excel/Word 文件本身也是 ZIP 压缩包）：请先解压，或把表格另存为 CSV',
  gzip: 'gzip 压缩包：请先解压',
  zstd: 'Zstandard 压缩包：请先解压',
  parquet: 'Parquet 文件（Hugging Face 数据集常用这种格式）：请先转换为 JSONL',
  sqlite: 'SQLite 数据库',
  elf: '程序（ELF）',
};

/** CSV 行转换出的问题前加上"第 N 行："。 */
const row = (p: { csv_line?: number }): string => (p.csv_line !== undefined ? `第 ${p.csv_line} 行：` : '');

export const fileZh: Translation<typeof fileEn> = {
  // JSON 语法
  'json.not_json': () => '不是有效的 JSON。',
  'json.empty': () => '这条记录是空的。',
  'json.cut_off': (p) => `行意外结束：这条记录似乎被截断了（还有 ${p.open} 个括号没有闭合）。`,
  'json.after_end': (p) => `记录结束后出现了意外的 '${p.found}'：可能是两条记录粘在了一起，或者有多余的文字。`,
  'json.expected_colon': (p) => `属性名后面应该是 ':'，却出现了 '${p.found}'。`,
  'json.expected_comma': (p) => `这里应该是 ',' 或 '${p.close}'，却出现了 '${p.found}'：可能漏了一个逗号。`,
  'json.trailing_comma': (p) => `'${p.close}' 前面有多余的逗号：请删除最后一个逗号。`,
  'json.single_quoted_key': () => '属性名必须用双引号，不能用单引号。',
  'json.expected_key': (p) => `这里应该是用双引号括起来的属性名，却出现了 '${p.found}'。`,
  'json.invalid_number': () => '数字格式无效。',
  'json.single_quoted_string': () => '字符串必须用双引号，不能用单引号。',
  'json.python_literal': () => 'NaN、Infinity 和 Python 的值（None、True、False）都不是 JSON：请使用 null、true、false 或数字。',
  'json.unexpected_value': (p) => `这里应该是一个值，却出现了意外的 '${p.found}'。`,
  'json.bad_unicode_escape': () => '无效的 \\u 转义：后面需要 4 位十六进制数字。',
  'json.bad_escape': (p) => `字符串中有无效的转义 '\\${p.escape}'：反斜杠本身要写成 \\\\。`,
  'json.string_unclosed': () => '字符串在行尾之前没有闭合（文本中的换行请写成 \\n）。',
  'json.control_char': () => '字符串中有控制字符（例如原始的制表符）：请转义它（\\t、\\n…）。',
  'json.cut_in_string': () => '行意外结束：这条记录似乎在字符串中间被截断了。',
  'json.too_deep': (p) => `嵌套超过 ${p.max} 层：这不可能是训练示例。`,

  // 解码
  binary_file: (p) => {
    const what =
      p.signature !== undefined
        ? `它看起来是${BINARY_NAMES[p.signature] ?? p.signature}`
        : p.nul_line !== undefined
          ? `它包含 NUL 字节（首次出现在第 ${p.nul_line} 行），文本文件绝不会有这种字节`
          : '它开头的大部分字节是控制字符，不是文本';
    return `这是二进制文件，不是文本（${what}），因此没有导入。请打开 .jsonl 训练文件本身（而不是压缩包、图片、表格或数据库）。`;
  },
  not_utf8: (p) =>
    `这个文件不是 UTF-8 编码（第一个无效字节在第 ${p.line} 行）。它看起来是 Windows-1252（Latin-1）编码，已按此解码——请检查带重音的字符，然后导出为 UTF-8（OpenAI 要求 UTF-8）。`,
  'not_utf8.utf16': (p) =>
    `这个文件是 ${p.name} 编码${p.bom ? '（以字节顺序标记开头）' : ''}，不是 UTF-8；已按 ${p.name} 解码。请导出为 UTF-8：OpenAI 只接受 UTF-8 编码的 JSONL。`,

  // 读取
  bom: () => '文件以字节顺序标记（BOM）开头。OpenAI 要求不带 BOM 的 UTF-8；导出时会去掉它（也可以把文件另存为 "UTF-8"，而不是 "UTF-8 with BOM"）。',
  crlf: (p) => `有 ${p.count} 行使用 Windows 换行符（CRLF）。这些行可以正常读取，OpenAI 也能接受；导出时可以改写为普通的 \\n。`,
  blank_lines: (p) => `有 ${p.count} 个空行（第一个在第 ${p.first} 行）。空行不是有效的记录；它们会被忽略，导出时会删除。`,
  json_array: (p) => `这个文件是一个包含 ${p.count} 个元素的 JSON 数组，不是 JSONL。每个元素都按一个示例读取；导出时每行写一个 JSON 对象。`,
  pretty_printed: (p) =>
    `有 ${p.count} 条记录跨越多行（第一条在第 ${p.first} 行）：这是格式化排版的 JSON。它们已被合并；JSONL 要求每行一个对象，导出时会这样写。`,
  glued_objects: (p) => `有 ${p.count} 条记录和其他记录粘在同一行（第一条在第 ${p.first} 行）。它们已被拆开；导出时每条记录各占一行。`,
  empty_file: () => '文件是空的（或者只有空行）。请至少添加 10 个示例，每行一个 JSON 对象。',
  too_deep: (p) => `第 ${p.line} 行的括号嵌套超过 ${p.max} 层，因此没有读取。请删除这一行，或修正生成它的数据。`,
  'invalid_json.line': (p, _at: At, r: Render) => `第 ${p.line} 行第 ${p.column} 列不是有效的 JSON：${r(p.error)}文本：${p.text}。请修正或删除这一行。`,
  'invalid_json.more': (p) => `另有 ${p.count} 行无法读取；这里只列出前 ${p.max} 行。请检查这个文件是如何生成的。`,
  'invalid_json.raw': () => '这一行不是有效的 JSON。请在原始编辑器中修正它，或接受建议的修复。',
  'invalid_json.editor': (p, _at: At, r: Render) => `第 ${p.column} 列不是有效的 JSON：${r(p.error)}请在这里修正，或使用建议的修复。`,

  // CSV
  csv_unclosed_quote: (p) => `第 ${p.line} 行开始的带引号字段一直没有闭合，文件的其余部分都被读进了这个字段。请补上结尾的引号（"）。`,
  csv_empty: () => '这个 CSV 文件没有任何行。',
  csv_no_header: () =>
    '第一行必须写明列名：role 和 content（每行一条消息），或 prompt 和 completion，或 instruction 和 output，或 prompt、chosen 和 rejected。',
  csv_columns_ignored: (p) => `以下列没有导入：${p.columns.join('、')}。`,
  csv_one_conversation: () => '没有 id/conversation 列，也没有空行，所以所有行都成了同一段对话。请添加一个 id 列，或在不同对话之间留一个空行。',
  csv_unknown_role: (p) => `第 ${p.line} 行：角色 "${p.given}" 不是 system、user、assistant 或 tool。请在 CSV 中修正。`,
  csv_bad_weight: (p) => `第 ${p.line} 行：weight "${p.weight}" 不是 0 或 1，因此被省略了。`,

  // 转换其他格式的记录
  convert_not_text: (p) => `${row(p)}${p.path} 不是文本，无法成为一条消息。请把它改成文本。`,
  convert_bad_turn: (p) => `${row(p)}${p.path} 不是带有 "from" 和 "value" 的对象。`,
  convert_bad_function_call: (p) => `${row(p)}${p.path}.value 应该是形如 {"name": …, "arguments": {…}} 的 JSON；请修正后重新导入。`,
  convert_orphan_observation: (p) => `${row(p)}${p.path} 是工具结果（"observation"），但它前面没有 function_call。`,
  convert_unknown_role: (p) => `${row(p)}${p.path}.from 是 ${p.from ?? '缺失的'}，不是 system/human/gpt/function_call/observation 之一。`,
  convert_tools_dropped: (p) => `${row(p)}"tools" 字段不是函数定义的 JSON 列表，因此被省略了。`,
  convert_bad_history: (p) => `${row(p)}"history" 应该是 [问题, 回答] 对的列表。`,
  'convert_bad_history.pair': (p) => `${row(p)}history[${p.index}] 应该是一个 [问题, 回答] 对。`,
  convert_bad_trl: (p) => `${row(p)}${p.path} 应该是文本或消息的列表。`,
  'convert_bad_trl.message': (p) => `${row(p)}${p.path} 应该是一条角色已知、内容为文本的消息。`,
  convert_preference_shape: (p) => `${row(p)}"${p.name}" 必须恰好是一条 assistant 回复，才能用于 OpenAI 偏好训练。`,
  'convert_preference_shape.no_prompt': (p) => `${row(p)}没有 prompt：请添加一个写有用户消息的 "prompt" 字段。`,
  convert_not_single_turn: (p) => `${row(p)}只有"一条 user 消息加一条文本 assistant 回复"的对话才能转换为 prompt/completion。`,
  convert_system_merged: (p) => `${row(p)}system 消息已放到 prompt 的开头，后面空一行。`,
  convert_unknown_format: (p) => `${row(p)}这条记录不属于 Tuneset 认识的任何格式（chat、preference、prompt/completion、ShareGPT、Alpaca、TRL 偏好）。`,
  convert_unsupported: (p) => `${row(p)}${p.from} 格式的记录无法转换为 ${p.to} 格式。`,

  // token 上限与模型
  example_too_long: (p, at) =>
    `示例 ${at.example ?? '?'} 约有 ${p.tokens} 个 token，超过了 ${p.model} 的 ${p.limit} token 上限：微调时会被截断。请缩短它，或拆分这段对话。`,
  too_long: (p) => `有 ${p.count} 个示例超过了模型 ${p.limit.toLocaleString('en')} token 的上限，微调时会被截断。请缩短它们，或选择上限更大的模型。`,
  unknown_model: (p) =>
    `Tuneset 不认识模型 "${p.model}"：token 按 ${p.encoding} 计数，不应用任何上限或价格。请从模型目录中选择一个模型，或把它添加为自定义模型。`,
};
