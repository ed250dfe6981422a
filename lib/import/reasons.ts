import type { ImportParseErrorCode } from './page/errors';

/**
 * Why a file was not imported, as a stable code recorded on ImportItem.reason and printed by the
 * CLI's --json report. The message shown next to it is written for the case at hand; the label
 * here names the kind of problem in one or two words (history page, CSV, preview).
 */
export type ImportReason =
  | ImportParseErrorCode
  // Inputs: archives, file names, file kinds.
  | 'NOT_TEXT'
  | 'UNSAFE_NAME'
  | 'NESTED_ARCHIVE'
  | 'ARCHIVE_INVALID'
  | 'ARCHIVE_LIMIT'
  | 'ENTRY_INVALID'
  | 'RECORD_INVALID'
  | 'UNREADABLE'
  // Decisions against the database.
  | 'CONFLICT'
  | 'DELETED'
  | 'DUPLICATE'
  | 'SLUG_TAKEN'
  | 'BUSY'
  | 'DATABASE'
  | 'INTERNAL';

export const reasonLabels: Record<ImportReason, string> = {
  EMPTY: '空文件',
  TOO_LARGE: '文件过大',
  BINARY: '不是文本',
  ENCODING: '编码无法识别',
  NO_TITLE: '缺少标题',
  TITLE_TOO_LONG: '标题过长',
  NO_BODY: '缺少正文',
  BODY_TOO_LARGE: '正文过长',
  BAD_ITEM: '推荐列表有误',
  NOT_TEXT: '不是 .txt 页面',
  UNSAFE_NAME: '文件名不安全',
  NESTED_ARCHIVE: '嵌套压缩包',
  ARCHIVE_INVALID: '压缩包无法读取',
  ARCHIVE_LIMIT: '压缩包超出限制',
  ENTRY_INVALID: '压缩包内文件损坏',
  RECORD_INVALID: '导出记录无效',
  UNREADABLE: '文件无法读取',
  CONFLICT: '冲突：编辑已修改',
  DELETED: '文章已删除',
  DUPLICATE: '本批重复',
  SLUG_TAKEN: '链接名已占用',
  BUSY: '文章正被修改',
  DATABASE: '写入失败',
  INTERNAL: '内部错误',
};

export function reasonLabel(reason: string | null | undefined): string {
  return reason && reason in reasonLabels ? reasonLabels[reason as ImportReason] : '';
}

export type ImportFailure = { reason: ImportReason; message: string };
