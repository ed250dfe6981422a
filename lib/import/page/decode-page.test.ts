import iconv from 'iconv-lite';
import { describe, expect, it } from 'vitest';

import { decodePageBytes, MAX_PAGE_BYTES } from './decode-page';
import { ImportParseError } from './errors';
import { readSeed } from '@/tests/fixtures/import/pm-outline';
import { normalizeLines } from './normalize-lines';
import { parsePage } from './parse-page';

const seed = readSeed('002');
// The seeds carry a few trailing spaces, which decoding trims.
const normalized = normalizeLines(seed);
const utf8 = (text: string) => new TextEncoder().encode(text);

function expectCode(bytes: Uint8Array, code: string): void {
  try {
    decodePageBytes(bytes);
  } catch (error) {
    expect(error).toBeInstanceOf(ImportParseError);
    expect((error as ImportParseError).code).toBe(code);
    return;
  }
  throw new Error(`expected ${code}`);
}

describe('decodePageBytes encodings', () => {
  it('decodes plain UTF-8 unchanged', () => {
    expect(decodePageBytes(utf8(seed))).toEqual({ text: normalized, encoding: 'utf-8', hasBom: false });
  });

  it('strips a UTF-8 BOM', () => {
    const decoded = decodePageBytes(new Uint8Array([0xef, 0xbb, 0xbf, ...utf8(seed)]));
    expect(decoded).toEqual({ text: normalized, encoding: 'utf-8', hasBom: true });
  });

  it.each(['utf-16le', 'utf-16be'])('decodes %s with a BOM', (encoding) => {
    const bytes = iconv.encode(seed, encoding, { addBOM: true });
    expect(bytes[0] === 0xff || bytes[0] === 0xfe).toBe(true);
    expect(decodePageBytes(bytes)).toEqual({ text: normalized, encoding, hasBom: true });
  });

  it('detects GBK (decoded as its superset GB18030) and parses it like the UTF-8 original', () => {
    // GBK has no U+2022 bullet; a GBK page would use ● (which the parser also reads).
    const gbkSeed = seed.replaceAll('•', '●');
    const decoded = decodePageBytes(iconv.encode(gbkSeed, 'gbk'));
    expect(decoded.encoding).toBe('gb18030');
    expect(decoded.text).toBe(normalizeLines(gbkSeed));
    expect(parsePage(decoded.text)).toEqual(parsePage(seed));
  });

  it('detects a whole page in GB18030', () => {
    const decoded = decodePageBytes(iconv.encode(seed, 'gb18030'));
    expect(decoded).toEqual({ text: normalized, encoding: 'gb18030', hasBom: false });
  });

  it('detects GBK on a short page', () => {
    const text = '居民医保只能一年一交吗\n\n居民医保通常采用年缴制,即每年需缴纳一次费用。';
    expect(decodePageBytes(iconv.encode(text, 'gbk'))).toMatchObject({ text, encoding: 'gb18030' });
  });

  it('decodes GB18030-only characters', () => {
    const text = '罕见字𠀀测试:居民医保的缴费和保障周期具有以下特点,请仔细阅读。';
    expect(decodePageBytes(iconv.encode(text, 'gb18030'))).toMatchObject({ text, encoding: 'gb18030' });
  });

  it('detects rather than assumes: Latin-1 text is not decoded as GBK', () => {
    const text = 'Le café est une boisson très populaire en France et dans le monde entier.';
    const decoded = decodePageBytes(iconv.encode(text, 'latin1'));
    expect(decoded.encoding).not.toBe('gb18030');
    expect(decoded.text).toBe(text);
  });

  it('prefers valid UTF-8 over detection', () => {
    // Short UTF-8 Chinese is the case detectors most often get wrong.
    expect(decodePageBytes(utf8('医保\n\n正文'))).toMatchObject({ encoding: 'utf-8', text: '医保\n\n正文' });
  });
});

describe('decodePageBytes line normalisation', () => {
  it('turns CRLF and CR into LF', () => {
    expect(decodePageBytes(utf8(seed.replace(/\n/g, '\r\n'))).text).toBe(normalized);
    expect(decodePageBytes(utf8(seed.replace(/\n/g, '\r'))).text).toBe(normalized);
  });

  it('expands tabs, trims trailing blanks, turns NBSP into a space', () => {
    const text = '标题 \u3000\n\n\t1. 甲\t乙  \n\u00a0\u00a0说明\u200b';
    expect(decodePageBytes(utf8(text)).text).toBe('标题\n\n    1. 甲 乙\n  说明');
  });

  it('is idempotent', () => {
    const once = normalizeLines('a\r\n\tb \r c\t');
    expect(normalizeLines(once)).toBe(once);
  });
});

describe('decodePageBytes rejects', () => {
  it('empty files', () => {
    expectCode(new Uint8Array(), 'EMPTY');
    expectCode(utf8(' \r\n\t\n'), 'EMPTY');
    expectCode(new Uint8Array([0xef, 0xbb, 0xbf]), 'EMPTY');
  });

  it('binary files', () => {
    const png = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0x0d, 0x49, 0x48, 0x44, 0x52]);
    expectCode(png, 'BINARY');
    const zip = new Uint8Array([0x50, 0x4b, 0x03, 0x04, 0x14, 0, 0, 0, 0x08, 0, 0x21, 0x9c]);
    expectCode(zip, 'BINARY');
    expectCode(new Uint8Array([...utf8('标题\n\n正文'), 0, ...utf8('更多')]), 'BINARY');
  });

  it('text that is mostly control characters', () => {
    const junk = Array.from({ length: 200 }, (_, i) => 1 + (i % 8));
    expectCode(new Uint8Array([...utf8('标题\n'), ...junk]), 'BINARY');
  });

  it('oversized files', () => {
    expectCode(new Uint8Array(MAX_PAGE_BYTES + 1).fill(0x41), 'TOO_LARGE');
  });

  it('but strips a few stray control characters from real text', () => {
    const withJunk = seed.replace('\n', '\u0007\n').replace(/$/, '\u001a');
    expect(decodePageBytes(utf8(withJunk)).text).toBe(normalized);
  });
});

describe('decodePageBytes UTF-8 decoding', () => {
  const strict = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });

  it('decodes every character as a strict TextDecoder does', () => {
    // All code points from U+0020, surrogates excluded, in pages under the size limit.
    const codes: number[] = [];
    for (let code = 0x20; code <= 0x10ffff; code += 1) if (code < 0xd800 || code > 0xdfff) codes.push(code);
    for (let start = 0; start < codes.length; start += 200_000) {
      const text = `标题\n\n${codes
        .slice(start, start + 200_000)
        .map((code) => String.fromCodePoint(code))
        .join('')}`;
      const bytes = utf8(text);
      expect(decodePageBytes(bytes)).toMatchObject({ encoding: 'utf-8', text: normalizeLines(strict.decode(bytes)) });
    }
  });

  it.each([
    ['an overlong form', [0xc0, 0x80]],
    ['an overlong three-byte form', [0xe0, 0x80, 0x80]],
    ['a surrogate', [0xed, 0xa0, 0x80]],
    ['a code point above U+10FFFF', [0xf4, 0x90, 0x80, 0x80]],
    ['a truncated sequence', [0xe4, 0xb8]],
    ['a stray continuation byte', [0x80]],
    ['a byte never used in UTF-8', [0xff]],
  ])('does not take text with %s for UTF-8', (_, invalid) => {
    const bytes = new Uint8Array([...utf8('居民医保只能一年一交吗\n\n居民医保通常采用年缴制'), ...invalid, ...utf8('即每年需缴纳一次费用。')]);
    expect(() => strict.decode(bytes)).toThrow();
    let encoding: string | undefined;
    try {
      encoding = decodePageBytes(bytes).encoding;
    } catch (error) {
      expect(error).toBeInstanceOf(ImportParseError);
    }
    expect(encoding).not.toBe('utf-8');
  });

  it('looks for NUL only in the bytes of the view it is given', () => {
    const framed = new Uint8Array([0, ...utf8('标题\n\n正文'), 0]);
    expect(decodePageBytes(framed.subarray(1, framed.length - 1)).text).toBe('标题\n\n正文');
    expectCode(framed.subarray(0, framed.length - 1), 'BINARY');
  });

  it('counts replacement characters as junk', () => {
    expect(decodePageBytes(utf8(`标题\n\n${'正文'.repeat(20)}\ufffd`)).text).toBe(`标题\n\n${'正文'.repeat(20)}\ufffd`);
    expectCode(utf8(`标题\n\n正文${'\ufffd'.repeat(5)}`), 'BINARY');
  });
});
