import { closeSync, fstatSync, openSync, readdirSync, readSync, statSync } from 'node:fs';
import path from 'node:path';
import type { ImportInput } from './expand-inputs';
import { isRecordFileName } from './expand-inputs';
import { formatSize, MAX_ARCHIVE_BYTES, MAX_EXPORT_FILE_BYTES, MAX_PAGE_BYTES } from './limits';
import type { ImportFailure } from './reasons';
import { isZipBytes } from './page/zip-archive';

// The CLI's file system side. Synchronous on purpose: the CLI does nothing else meanwhile, and
// ten thousand small reads through the thread pool took ten times as long as plain reads.

/** A path on the command line that does not exist: a usage error, not a failed file. */
export class MissingPathError extends Error {
  constructor(readonly target: string) {
    super(`No such file or folder: ${target}`);
    this.name = 'MissingPathError';
  }
}

// In folders: pages and archives. Export files are imported only when named explicitly.
const FOLDER_FILE = /\.(txt|zip)$/i;
const PAGE_FILE = /\.txt$/i;

/**
 * The files named on the command line, folders walked recursively in name order (symbolic links
 * inside folders are not followed, so a link loop cannot hang the walk). Pages are only listed
 * here and read one at a time when imported (readPageFile); archives and export files are read
 * now, since what they hold decides the batch's units. A file over its size limit is refused
 * from its size on disk without being read.
 */
export function collectInputs(targets: string[]): ImportInput[] {
  const files: string[] = [];
  for (const target of targets) files.push(...listTarget(target));
  return files.map((file) => (PAGE_FILE.test(file) ? { name: file, path: file } : readInput(file)));
}

function listTarget(target: string): string[] {
  let info;
  try {
    info = statSync(target);
  } catch {
    throw new MissingPathError(target);
  }
  return info.isDirectory() ? walk(target) : [target];
}

function walk(folder: string): string[] {
  const entries = readdirSync(folder, { withFileTypes: true });
  entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  const files: string[] = [];
  for (const entry of entries) {
    const full = path.join(folder, entry.name);
    if (entry.isDirectory()) files.push(...walk(full));
    else if (entry.isFile() && FOLDER_FILE.test(entry.name)) files.push(full);
  }
  return files;
}

function readInput(name: string): ImportInput {
  const isArchive = /\.zip$/i.test(name);
  const limit = isArchive ? MAX_ARCHIVE_BYTES : isRecordFileName(name) ? MAX_EXPORT_FILE_BYTES : MAX_PAGE_BYTES;
  const read = readBounded(name, limit, isArchive ? 'ARCHIVE_LIMIT' : 'TOO_LARGE');
  return 'bytes' in read ? { name, bytes: read.bytes } : { name, failure: read };
}

/** A page listed by collectInputs, read when the import reaches it. */
export function readPageFile(file: string): { bytes: Uint8Array } | ImportFailure {
  const read = readBounded(file, MAX_PAGE_BYTES, 'TOO_LARGE');
  // Pages are taken by their .txt name; an archive by that name is not opened behind the user's back.
  if ('bytes' in read && isZipBytes(read.bytes)) return { reason: 'NOT_TEXT', message: '这个 .txt 文件其实是压缩包，请把扩展名改为 .zip 后重新导入。' };
  return read;
}

function readBounded(file: string, limit: number, tooLarge: 'TOO_LARGE' | 'ARCHIVE_LIMIT'): { bytes: Uint8Array } | ImportFailure {
  let fd: number;
  try {
    fd = openSync(file, 'r');
  } catch (error) {
    return unreadable(error);
  }
  try {
    const { size } = fstatSync(fd);
    if (size > limit) return { reason: tooLarge, message: `文件过大（${formatSize(size)}），不能超过 ${formatSize(limit)}，未读取。` };
    // Read at most limit + 1 bytes: a file that grows after the stat is still caught.
    const buffer = new Uint8Array(Math.min(size, limit) + 1);
    let bytesRead = 0;
    for (;;) {
      const count = readSync(fd, buffer, bytesRead, buffer.length - bytesRead, null);
      bytesRead += count;
      if (count === 0 || bytesRead === buffer.length) break;
    }
    if (bytesRead > limit) return { reason: tooLarge, message: `文件过大，不能超过 ${formatSize(limit)}，未读取。` };
    return { bytes: buffer.subarray(0, bytesRead) };
  } catch (error) {
    return unreadable(error);
  } finally {
    closeSync(fd);
  }
}

function unreadable(error: unknown): ImportFailure {
  const code = (error as NodeJS.ErrnoException).code ?? 'unknown';
  return { reason: 'UNREADABLE', message: `文件无法读取（${code}），请检查文件权限。` };
}
