import { open, readdir, stat } from 'node:fs/promises';
import path from 'node:path';
import type { ImportInput } from './expand-inputs';
import { isRecordFileName } from './expand-inputs';
import { formatSize, MAX_ARCHIVE_BYTES, MAX_EXPORT_FILE_BYTES, MAX_PAGE_BYTES } from './limits';

/** A path on the command line that does not exist: a usage error, not a failed file. */
export class MissingPathError extends Error {
  constructor(readonly target: string) {
    super(`No such file or folder: ${target}`);
    this.name = 'MissingPathError';
  }
}

// In folders: pages and archives. Export files are imported only when named explicitly.
const FOLDER_FILE = /\.(txt|zip)$/i;

/**
 * The files named on the command line, folders walked recursively in name order (symbolic links
 * inside folders are not followed, so a link loop cannot hang the walk). A file over its size
 * limit is refused from its size on disk without being read.
 */
export async function collectInputs(targets: string[]): Promise<ImportInput[]> {
  const files: string[] = [];
  for (const target of targets) files.push(...(await listTarget(target)));
  const inputs: ImportInput[] = [];
  // One at a time: a folder of thousands of pages must not exhaust file handles.
  for (const file of files) inputs.push(await readInput(file));
  return inputs;
}

async function listTarget(target: string): Promise<string[]> {
  const info = await stat(target).catch(() => null);
  if (!info) throw new MissingPathError(target);
  return info.isDirectory() ? walk(target) : [target];
}

async function walk(folder: string): Promise<string[]> {
  const entries = await readdir(folder, { withFileTypes: true });
  entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  const files: string[] = [];
  for (const entry of entries) {
    const full = path.join(folder, entry.name);
    if (entry.isDirectory()) files.push(...(await walk(full)));
    else if (entry.isFile() && FOLDER_FILE.test(entry.name)) files.push(full);
  }
  return files;
}

function sizeLimit(name: string): number {
  if (/\.zip$/i.test(name)) return MAX_ARCHIVE_BYTES;
  if (isRecordFileName(name)) return MAX_EXPORT_FILE_BYTES;
  return MAX_PAGE_BYTES;
}

async function readInput(name: string): Promise<ImportInput> {
  const limit = sizeLimit(name);
  try {
    const handle = await open(name, 'r');
    try {
      const { size } = await handle.stat();
      if (size > limit) {
        return { name, failure: { reason: limit === MAX_PAGE_BYTES ? 'TOO_LARGE' : 'ARCHIVE_LIMIT', message: `文件过大（${formatSize(size)}），不能超过 ${formatSize(limit)}，未读取。` } };
      }
      // Read at most limit + 1 bytes: a file that grows after stat() is still caught.
      const buffer = new Uint8Array(Math.min(size, limit) + 1);
      let bytesRead = 0;
      for (;;) {
        const chunk = await handle.read(buffer, bytesRead, buffer.length - bytesRead, bytesRead);
        bytesRead += chunk.bytesRead;
        if (chunk.bytesRead === 0 || bytesRead === buffer.length) break;
      }
      if (bytesRead > limit) return { name, failure: { reason: 'TOO_LARGE', message: `文件过大，不能超过 ${formatSize(limit)}，未读取。` } };
      return { name, bytes: buffer.subarray(0, bytesRead) };
    } finally {
      await handle.close();
    }
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code ?? 'unknown';
    return { name, failure: { reason: 'UNREADABLE', message: `文件无法读取（${code}），请检查文件权限。` } };
  }
}
