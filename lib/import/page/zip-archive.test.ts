import iconv from 'iconv-lite';
import { describe, expect, it } from 'vitest';
import { makeZip, patchDeclaredSize } from '@/tests/fixtures/import/zip-tools';
import { crc32, isZipBytes, readZipDirectory, readZipEntry, ZipError } from './zip-archive';

const text = (bytes: Uint8Array) => new TextDecoder().decode(bytes);

describe('readZipDirectory / readZipEntry', () => {
  it('lists and reads deflated and stored entries', () => {
    for (const level of [0, 9] as const) {
      const zip = makeZip({ 'a.txt': '居民医保'.repeat(100), 'dir/b.txt': 'b' }, { level });
      expect(isZipBytes(zip)).toBe(true);
      const entries = readZipDirectory(zip, 10);
      expect(entries.map((e) => [e.name, e.uncompressedSize])).toEqual([
        ['a.txt', 1200],
        ['dir/b.txt', 1],
      ]);
      expect(text(readZipEntry(zip, entries[0]))).toBe('居民医保'.repeat(100));
    }
  });

  it('decodes GBK names written without the UTF-8 flag', () => {
    // Chinese Windows archivers write names in GBK and leave the UTF-8 flag off (as fflate does
    // for an ASCII name): swap the 4 bytes of "abcd" for GBK 页面 in both headers.
    const zip = makeZip({ 'abcd.txt': 'x' }, { level: 0 });
    const gbk = iconv.encode('页面', 'gbk');
    expect(gbk).toHaveLength(4);
    for (let at = 0; at < zip.length - 4; at += 1) {
      if (text(zip.subarray(at, at + 4)) === 'abcd') zip.set(gbk, at);
    }
    const [entry] = readZipDirectory(zip, 10);
    expect(entry.name).toBe('页面.txt');
    expect(text(readZipEntry(zip, entry))).toBe('x');
  });

  it('refuses an entry count over the limit before reading entries', () => {
    const zip = makeZip({ a: 'a', b: 'b', c: 'c' });
    expect(() => readZipDirectory(zip, 2)).toThrow(/上限/);
  });

  it('stops inflating as soon as the output passes the declared size', () => {
    const zip = patchDeclaredSize(makeZip({ 'liar.txt': new Uint8Array(5 * 1024 * 1024) }), 'liar.txt', 100);
    const [entry] = readZipDirectory(zip, 10);
    expect(entry.uncompressedSize).toBe(100);
    expect(() => readZipEntry(zip, entry)).toThrow(/实际大小/);
  });

  it('refuses output shorter than declared and a bad CRC', () => {
    const short = patchDeclaredSize(makeZip({ 'a.txt': 'hello world' }), 'a.txt', 50);
    expect(() => readZipEntry(short, readZipDirectory(short, 10)[0])).toThrow(ZipError);
    const zip = makeZip({ 'a.txt': 'hello world' }, { level: 0 });
    const entry = readZipDirectory(zip, 10)[0];
    expect(() => readZipEntry(zip, { ...entry, crc32: (entry.crc32 + 1) >>> 0 })).toThrow(/CRC/);
    expect(crc32(new TextEncoder().encode('123456789'))).toBe(0xcbf43926);
  });

  it('refuses truncated, non-zip and encrypted input', () => {
    const zip = makeZip({ 'a.txt': 'a' });
    expect(() => readZipDirectory(zip.subarray(0, zip.length - 5), 10)).toThrow(ZipError);
    expect(() => readZipDirectory(new TextEncoder().encode('not a zip at all, just text'), 10)).toThrow(/不是有效的 ZIP/);
    const entry = readZipDirectory(zip, 10)[0];
    expect(() => readZipEntry(zip, { ...entry, encrypted: true })).toThrow(/加密/);
  });

  it('refuses entries whose data overlap (a non-recursive zip bomb)', () => {
    const zip = makeZip({ 'a.txt': 'aaaa', 'b.txt': 'bbbb' }, { level: 0 });
    const view = new DataView(zip.buffer, zip.byteOffset, zip.byteLength);
    const entries = readZipDirectory(zip, 10);
    // Point b's central directory record at a's local header.
    for (let at = zip.length - 22; at > 0; at -= 1) {
      if (view.getUint32(at, true) === 0x02014b50 && view.getUint32(at + 42, true) === entries[1].localHeaderOffset) {
        view.setUint32(at + 42, entries[0].localHeaderOffset, true);
        view.setUint32(at + 20, entries[1].localHeaderOffset + 10, true);
        break;
      }
    }
    expect(() => readZipDirectory(zip, 10)).toThrow(/重叠/);
  });
});
