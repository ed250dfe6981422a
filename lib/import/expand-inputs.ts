import { isUtf8 } from 'node:buffer';
import { isExportHeaderLine } from '@/lib/export/article-record';
import {
  formatSize,
  MAX_ARCHIVE_BYTES,
  MAX_ARCHIVE_ENTRIES,
  MAX_ARCHIVE_TOTAL_BYTES,
  MAX_EXPORT_FILE_BYTES,
  MAX_NAME_LENGTH,
  MAX_PAGE_BYTES,
  MAX_RECORD_BYTES,
} from './limits';
import type { ImportFailure } from './reasons';
import { isZipBytes, readZipDirectory, readZipEntry, ZipError, type ZipEntry } from './page/zip-archive';

/**
 * A file as it arrives (an upload, or an archive or export read from disk), a page on disk that
 * is read only when its turn comes (so a folder of thousands of pages is never all in memory),
 * or a file already refused before reading.
 */
export type ImportInput = { name: string; bytes: Uint8Array } | { name: string; path: string } | { name: string; failure: ImportFailure };

/**
 * One thing the importer decides about: a scraped page, one line of an export file, or a file
 * refused at the door. A batch is a flat list of units in a stable order, so a unit's position
 * identifies it between a preview and its confirmation.
 */
export type ImportUnit =
  | { kind: 'page'; name: string; bytes: Uint8Array }
  | { kind: 'page'; name: string; path: string }
  /** An archive's entry, inflated only when its turn comes (readArchivePage). */
  | { kind: 'page'; name: string; archive: Uint8Array; entry: ZipEntry }
  /** One line of an export file: bytes [start, end) of `file`. */
  | { kind: 'record'; name: string; file: Uint8Array; start: number; end: number }
  | { kind: 'rejected'; name: string; failure: ImportFailure };

export type ExpandOptions = {
  /** Accept NDJSON export files (the CLI). The upload page never does: a record can carry a
   * published version and workflow status, which only an operator may restore. */
  records: boolean;
};

const RECORD_FILE = /\.(ndjson|jsonl)$/i;
const ARCHIVE_FILE = /\.zip$/i;
const PAGE_FILE = /\.txt$/i;
// Metadata that archivers add on their own; skipped without a word.
const SYSTEM_ENTRY = /(^|\/)(__MACOSX\/|\.DS_Store$|Thumbs\.db$|desktop\.ini$)/i;

export function isRecordFileName(name: string): boolean {
  return RECORD_FILE.test(name);
}

export function expandInputs(inputs: ImportInput[], options: ExpandOptions): ImportUnit[] {
  return inputs.flatMap((input) => expandInput(input, options));
}

function expandInput(input: ImportInput, options: ExpandOptions): ImportUnit[] {
  if ('failure' in input) return [{ kind: 'rejected', name: input.name, failure: input.failure }];
  const nameProblem = checkName(input.name);
  if (nameProblem) return [{ kind: 'rejected', name: safeLabel(input.name), failure: nameProblem }];
  if ('path' in input) return [{ kind: 'page', name: input.name, path: input.path }];
  if (RECORD_FILE.test(input.name)) {
    if (!options.records) {
      return [rejected(input.name, 'NOT_TEXT', '导出文件（.ndjson）只能由管理员在服务器上用命令行导入（npm run import）。')];
    }
    return expandRecordFile(input.name, input.bytes);
  }
  if (ARCHIVE_FILE.test(input.name) || isZipBytes(input.bytes)) return expandArchive(input.name, input.bytes);
  return [{ kind: 'page', name: input.name, bytes: input.bytes }];
}

function expandArchive(archiveName: string, bytes: Uint8Array): ImportUnit[] {
  if (bytes.length > MAX_ARCHIVE_BYTES) {
    return [rejected(archiveName, 'ARCHIVE_LIMIT', `压缩包过大（${formatSize(bytes.length)}），不能超过 ${formatSize(MAX_ARCHIVE_BYTES)}，请分批打包。`)];
  }
  let entries: ZipEntry[];
  try {
    entries = readZipDirectory(bytes, MAX_ARCHIVE_ENTRIES);
  } catch (error) {
    if (error instanceof ZipError) {
      return [rejected(archiveName, error.message.includes('上限') ? 'ARCHIVE_LIMIT' : 'ARCHIVE_INVALID', error.message)];
    }
    throw error;
  }
  // Checked on the declared sizes before anything is inflated; readZipEntry enforces them.
  const total = entries.reduce((sum, entry) => sum + entry.uncompressedSize, 0);
  if (total > MAX_ARCHIVE_TOTAL_BYTES) {
    return [
      rejected(
        archiveName,
        'ARCHIVE_LIMIT',
        `压缩包解压后共 ${formatSize(total)}，超过 ${formatSize(MAX_ARCHIVE_TOTAL_BYTES)} 的上限（可能是“压缩炸弹”），未解压任何文件。`,
      ),
    ];
  }
  const units: ImportUnit[] = [];
  for (const entry of entries) {
    if (entry.isDirectory || SYSTEM_ENTRY.test(entry.name)) continue;
    units.push(expandEntry(archiveName, bytes, entry));
  }
  if (units.length === 0) return [rejected(archiveName, 'EMPTY', '压缩包里没有任何页面文件。')];
  return units;
}

function expandEntry(archiveName: string, bytes: Uint8Array, entry: ZipEntry): ImportUnit {
  const path = safeEntryPath(entry.name);
  if (!path) {
    return rejected(
      `${archiveName}/${safeLabel(entry.name)}`,
      'UNSAFE_NAME',
      `压缩包内的文件名“${safeLabel(entry.name)}”指向压缩包之外（绝对路径或 ..），已拒绝。`,
    );
  }
  const name = `${archiveName}/${path}`;
  if (ARCHIVE_FILE.test(path)) return rejected(name, 'NESTED_ARCHIVE', '压缩包里不能再套压缩包，请解开后直接打包 .txt 页面。');
  if (!PAGE_FILE.test(path)) return rejected(name, 'NOT_TEXT', '压缩包中只导入 .txt 页面文件，此文件已跳过。');
  if (entry.uncompressedSize > MAX_PAGE_BYTES) {
    return rejected(name, 'TOO_LARGE', `文件过大（解压后 ${formatSize(entry.uncompressedSize)}），单个页面不能超过 ${formatSize(MAX_PAGE_BYTES)}，未解压。`);
  }
  return { kind: 'page', name, archive: bytes, entry };
}

/** An archive page's bytes (the entry's declared sizes were checked when the archive was listed). */
export function readArchivePage(archive: Uint8Array, entry: ZipEntry): { bytes: Uint8Array } | ImportFailure {
  let content: Uint8Array;
  try {
    content = readZipEntry(archive, entry);
  } catch (error) {
    if (error instanceof ZipError) return { reason: 'ENTRY_INVALID', message: error.message };
    throw error;
  }
  if (isZipBytes(content)) return { reason: 'NESTED_ARCHIVE', message: '压缩包里不能再套压缩包，请解开后直接打包 .txt 页面。' };
  return { bytes: content };
}

function expandRecordFile(name: string, bytes: Uint8Array): ImportUnit[] {
  if (bytes.length > MAX_EXPORT_FILE_BYTES) {
    return [rejected(name, 'TOO_LARGE', `导出文件过大（${formatSize(bytes.length)}），不能超过 ${formatSize(MAX_EXPORT_FILE_BYTES)}。`)];
  }
  if (!isUtf8(bytes)) return [rejected(name, 'ENCODING', '导出文件不是 UTF-8 编码，无法导入。')];
  // Lines stay bytes of the file until their turn comes (readRecordLine): an export of thousands
  // of articles is never held as one string and again as its lines.
  const lines: { start: number; end: number }[] = [];
  const bom = bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf ? 3 : 0;
  for (let start = bom; start <= bytes.length;) {
    const newline = bytes.indexOf(0x0a, start);
    const end = newline === -1 ? bytes.length : newline;
    lines.push({ start, end });
    start = end + 1;
  }
  const blank = (line: { start: number; end: number }) => bytes.subarray(line.start, line.end).every((b) => b === 0x20 || b === 0x09 || b === 0x0d);
  const headerIndex = lines.findIndex((line) => !blank(line));
  if (headerIndex === -1) return [rejected(name, 'EMPTY', '导出文件为空。')];
  if (!isExportHeaderLine(utf8.decode(bytes.subarray(lines[headerIndex].start, lines[headerIndex].end)).trim())) {
    return [rejected(name, 'RECORD_INVALID', '第一行不是保答导出文件的文件头：此文件不是 npm run export 生成的导出文件。')];
  }
  const units: ImportUnit[] = [];
  lines.forEach((line, index) => {
    if (index <= headerIndex || blank(line)) return;
    const label = `${name}:${index + 1}`;
    if (line.end - line.start > MAX_RECORD_BYTES) units.push(rejected(label, 'TOO_LARGE', `这一行超过 ${formatSize(MAX_RECORD_BYTES)}，不是有效的文章记录。`));
    else units.push({ kind: 'record', name: label, file: bytes, start: line.start, end: line.end });
  });
  return units;
}

const utf8 = new TextDecoder('utf-8');

/** A record line's text (the file was checked to be UTF-8 when it was expanded). */
export function readRecordLine(unit: { file: Uint8Array; start: number; end: number }): string {
  return utf8.decode(unit.file.subarray(unit.start, unit.end)).trim();
}

/**
 * The entry's path inside the archive with separators normalised, or null when it would
 * escape the folder it is extracted to ("zip slip"): absolute paths, drive letters, `..`.
 * Nothing is ever written to disk, but the name is shown and recorded, and must not lie.
 */
export function safeEntryPath(name: string): string | null {
  const path = name.replace(/\\/g, '/');
  if (path.startsWith('/') || /^[a-zA-Z]:/.test(path)) return null;
  const parts = path.split('/').filter((part) => part !== '.');
  if (parts.every((part) => part === '') || parts.some((part) => part === '..')) return null;
  if (checkName(path)) return null;
  return parts.join('/');
}

function checkName(name: string): ImportFailure | null {
  if (name.length > MAX_NAME_LENGTH) return { reason: 'UNSAFE_NAME', message: `文件名超过 ${MAX_NAME_LENGTH} 个字符，已拒绝。` };
  // Control characters (and bidi overrides) can disguise a name in a report.
  // oxlint-disable-next-line no-control-regex -- control characters are what it refuses
  if (/[\u0000-\u001f\u007f\u202a-\u202e\u2066-\u2069]/.test(name)) return { reason: 'UNSAFE_NAME', message: '文件名含有控制字符，已拒绝。' };
  return null;
}

/** A printable version of a refused name, for the report. */
function safeLabel(name: string): string {
  // oxlint-disable-next-line no-control-regex -- control characters are what it replaces
  const printable = name.replace(/[\u0000-\u001f\u007f\u202a-\u202e\u2066-\u2069]/g, '�');
  return printable.length > 120 ? `${printable.slice(0, 120)}…` : printable;
}

function rejected(name: string, reason: ImportFailure['reason'], message: string): ImportUnit {
  return { kind: 'rejected', name, failure: { reason, message } };
}
