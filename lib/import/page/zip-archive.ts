import { Inflate } from 'fflate';
import iconv from 'iconv-lite';

// A minimal, defensive ZIP reader. We read the central directory ourselves (rather than let a
// library inflate everything) so that every limit is checked before a single byte is inflated:
// entry count, declared sizes, overlapping entries, encryption, methods. Inflation then runs in
// small steps and stops as soon as the output passes the size the directory declared, so a
// lying archive cannot make us allocate more than the limits allow. Pure: bytes in, bytes out.

export class ZipError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ZipError';
  }
}

export type ZipEntry = {
  /** The name as stored (UTF-8, or GB18030 for archives made by Chinese Windows tools). */
  name: string;
  isDirectory: boolean;
  encrypted: boolean;
  /** 0 = stored, 8 = deflate; anything else is unsupported. */
  method: number;
  compressedSize: number;
  uncompressedSize: number;
  crc32: number;
  localHeaderOffset: number;
};

const EOCD_SIGNATURE = 0x06054b50;
const CENTRAL_SIGNATURE = 0x02014b50;
const LOCAL_SIGNATURE = 0x04034b50;
const EOCD_SIZE = 22;
const MAX_COMMENT = 0xffff;
const FLAG_ENCRYPTED = 0x1;
const FLAG_UTF8 = 0x800;
const ZIP64_MARK_16 = 0xffff;
const ZIP64_MARK_32 = 0xffffffff;

export function isZipBytes(bytes: Uint8Array): boolean {
  return bytes.length >= 4 && readU32(bytes, 0) === LOCAL_SIGNATURE;
}

/**
 * The entries listed in the central directory, validated against the archive's own bytes.
 * Throws ZipError for an archive that cannot be read safely as a whole.
 */
export function readZipDirectory(bytes: Uint8Array, maxEntries: number): ZipEntry[] {
  const eocd = findEndOfCentralDirectory(bytes);
  const diskNumber = readU16(bytes, eocd + 4);
  const directoryDisk = readU16(bytes, eocd + 6);
  const entriesOnDisk = readU16(bytes, eocd + 8);
  const totalEntries = readU16(bytes, eocd + 10);
  const directorySize = readU32(bytes, eocd + 12);
  const directoryOffset = readU32(bytes, eocd + 16);
  if (totalEntries === ZIP64_MARK_16 || directorySize === ZIP64_MARK_32 || directoryOffset === ZIP64_MARK_32) {
    throw new ZipError('不支持 ZIP64 格式的压缩包（通常是文件过多或过大），请分成较小的压缩包。');
  }
  if (diskNumber !== 0 || directoryDisk !== 0 || entriesOnDisk !== totalEntries) {
    throw new ZipError('不支持分卷压缩包，请打包成一个完整的 .zip 文件。');
  }
  if (totalEntries > maxEntries) {
    throw new ZipError(`压缩包有 ${totalEntries} 个条目，超过每个压缩包 ${maxEntries} 个的上限，请分批打包。`);
  }
  if (directoryOffset + directorySize > eocd) throw corrupt();

  const entries: ZipEntry[] = [];
  let offset = directoryOffset;
  const directoryEnd = directoryOffset + directorySize;
  for (let i = 0; i < totalEntries; i += 1) {
    if (offset + 46 > directoryEnd || readU32(bytes, offset) !== CENTRAL_SIGNATURE) throw corrupt();
    const flags = readU16(bytes, offset + 8);
    const method = readU16(bytes, offset + 10);
    const crc32 = readU32(bytes, offset + 16);
    const compressedSize = readU32(bytes, offset + 20);
    const uncompressedSize = readU32(bytes, offset + 24);
    const nameLength = readU16(bytes, offset + 28);
    const extraLength = readU16(bytes, offset + 30);
    const commentLength = readU16(bytes, offset + 32);
    const localHeaderOffset = readU32(bytes, offset + 42);
    const nameStart = offset + 46;
    const next = nameStart + nameLength + extraLength + commentLength;
    if (next > directoryEnd) throw corrupt();
    if (compressedSize === ZIP64_MARK_32 || uncompressedSize === ZIP64_MARK_32 || localHeaderOffset === ZIP64_MARK_32) {
      throw new ZipError('不支持 ZIP64 格式的压缩包（通常是文件过多或过大），请分成较小的压缩包。');
    }
    const name = decodeName(bytes.subarray(nameStart, nameStart + nameLength), (flags & FLAG_UTF8) !== 0);
    entries.push({
      name,
      isDirectory: name.endsWith('/') || name.endsWith('\\'),
      encrypted: (flags & FLAG_ENCRYPTED) !== 0,
      method,
      compressedSize,
      uncompressedSize,
      crc32,
      localHeaderOffset,
    });
    offset = next;
  }
  checkNoOverlap(bytes, entries, directoryOffset);
  return entries;
}

/**
 * The uncompressed bytes of one entry. Inflates in small steps and throws as soon as the output
 * passes `entry.uncompressedSize` (the caller has checked that against its limits), then checks
 * the exact size and the CRC-32, so a damaged or tampered entry is reported, never half-read.
 */
export function readZipEntry(bytes: Uint8Array, entry: ZipEntry): Uint8Array {
  if (entry.encrypted) throw new ZipError('文件已加密，无法读取。请打包未加密的文件。');
  const start = dataStart(bytes, entry);
  const data = bytes.subarray(start, start + entry.compressedSize);
  let output: Uint8Array;
  if (entry.method === 0) {
    if (entry.compressedSize !== entry.uncompressedSize) throw sizeMismatch();
    output = data.slice();
  } else if (entry.method === 8) {
    output = inflateBounded(data, entry.uncompressedSize);
  } else {
    throw new ZipError(`使用了不支持的压缩方式（${entry.method}），请用常见的 ZIP（Deflate）格式重新打包。`);
  }
  if (crc32(output) !== entry.crc32) throw new ZipError('文件内容校验失败（CRC 不符），压缩包可能已损坏。');
  return output;
}

// Output is produced per input step; 1 KB of deflate input yields at most ~1 MB, so a bomb is
// caught within about a megabyte of its declared size.
const INFLATE_STEP = 1024;

function inflateBounded(data: Uint8Array, declaredSize: number): Uint8Array {
  const output = new Uint8Array(declaredSize);
  let written = 0;
  let finished = false;
  const inflater = new Inflate((chunk, final) => {
    if (written + chunk.length > declaredSize) throw sizeMismatch();
    output.set(chunk, written);
    written += chunk.length;
    if (final) finished = true;
  });
  try {
    for (let at = 0; at < data.length; at += INFLATE_STEP) {
      const end = Math.min(at + INFLATE_STEP, data.length);
      inflater.push(data.subarray(at, end), end === data.length);
    }
    if (data.length === 0) inflater.push(new Uint8Array(0), true);
  } catch (error) {
    if (error instanceof ZipError) throw error;
    throw new ZipError('压缩数据已损坏，无法解压。');
  }
  if (!finished || written !== declaredSize) throw sizeMismatch();
  return output;
}

function dataStart(bytes: Uint8Array, entry: ZipEntry): number {
  const at = entry.localHeaderOffset;
  if (at + 30 > bytes.length || readU32(bytes, at) !== LOCAL_SIGNATURE) throw corrupt();
  const start = at + 30 + readU16(bytes, at + 26) + readU16(bytes, at + 28);
  if (start + entry.compressedSize > bytes.length) throw corrupt();
  return start;
}

/**
 * Entries whose data overlap are the trick behind non-recursive zip bombs (many entries
 * inflating the same compressed bytes); real archives never do it.
 */
function checkNoOverlap(bytes: Uint8Array, entries: ZipEntry[], directoryOffset: number) {
  const ranges = entries
    .map((entry) => ({ start: entry.localHeaderOffset, end: dataStart(bytes, entry) + entry.compressedSize }))
    .sort((a, b) => a.start - b.start);
  for (let i = 0; i < ranges.length; i += 1) {
    const limit = i + 1 < ranges.length ? ranges[i + 1].start : directoryOffset;
    if (ranges[i].end > limit) throw new ZipError('压缩包结构异常（条目数据互相重叠），可能是恶意构造的压缩包，已拒绝。');
  }
}

function findEndOfCentralDirectory(bytes: Uint8Array): number {
  const last = bytes.length - EOCD_SIZE;
  const first = Math.max(0, last - MAX_COMMENT);
  for (let at = last; at >= first; at -= 1) {
    if (readU32(bytes, at) === EOCD_SIGNATURE && at + EOCD_SIZE + readU16(bytes, at + 20) === bytes.length) return at;
  }
  throw new ZipError('不是有效的 ZIP 压缩包（找不到目录），文件可能不完整或已损坏。');
}

// Without the UTF-8 flag the name is in the archiver's local code page: ASCII and UTF-8 decode
// as UTF-8; otherwise Chinese Windows tools wrote GBK.
function decodeName(raw: Uint8Array, utf8Flag: boolean): string {
  if (utf8Flag) return new TextDecoder('utf-8').decode(raw);
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(raw);
  } catch {
    return iconv.decode(Buffer.from(raw), 'gb18030');
  }
}

function corrupt(): ZipError {
  return new ZipError('压缩包结构已损坏，无法读取，请重新打包。');
}

function sizeMismatch(): ZipError {
  return new ZipError('解压后的实际大小与压缩包记录的不符，压缩包可能已损坏或被篡改。');
}

function readU16(bytes: Uint8Array, at: number): number {
  if (at + 2 > bytes.length || at < 0) return -1;
  return bytes[at] | (bytes[at + 1] << 8);
}

function readU32(bytes: Uint8Array, at: number): number {
  if (at + 4 > bytes.length || at < 0) return -1;
  return (bytes[at] | (bytes[at + 1] << 8) | (bytes[at + 2] << 16)) + bytes[at + 3] * 0x1000000;
}

let crcTable: Uint32Array | undefined;

export function crc32(bytes: Uint8Array): number {
  if (!crcTable) {
    crcTable = new Uint32Array(256);
    for (let n = 0; n < 256; n += 1) {
      let c = n;
      for (let k = 0; k < 8; k += 1) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
      crcTable[n] = c >>> 0;
    }
  }
  let crc = 0xffffffff;
  for (let i = 0; i < bytes.length; i += 1) crc = crcTable[(crc ^ bytes[i]) & 0xff] ^ (crc >>> 8);
  return (crc ^ 0xffffffff) >>> 0;
}
