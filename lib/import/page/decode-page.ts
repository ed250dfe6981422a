import { Buffer, isUtf8, transcode } from 'node:buffer';

import iconv from 'iconv-lite';
import { detect } from 'jschardet';

import { ImportParseError } from './errors';
import { formatSize, MAX_PAGE_BYTES } from '../limits';
import { normalizeLines } from './normalize-lines';

export { MAX_PAGE_BYTES };

// Share of control/replacement characters above which decoded "text" is treated as
// binary junk. Real pages have none; a few stray ones are stripped by normalizeLines.
const MAX_JUNK_RATIO = 0.1;

export type DecodedPage = {
  /** Decoded and line-normalised text (see normalizeLines). */
  text: string;
  /** Lower-case encoding name the bytes were decoded with, e.g. 'utf-8', 'gb18030'. */
  encoding: string;
  hasBom: boolean;
};

type Bom = { encoding: string; length: number };

/**
 * Turns the bytes of one scraped file into normalised text.
 * Order matters: a BOM is authoritative; otherwise valid UTF-8 wins (jschardet can
 * mistake short UTF-8 Chinese for other encodings); only then is the encoding detected.
 */
export function decodePageBytes(bytes: Uint8Array): DecodedPage {
  if (bytes.length === 0) {
    throw new ImportParseError('EMPTY', '文件为空，请检查抓取结果后重新导入。');
  }
  if (bytes.length > MAX_PAGE_BYTES) {
    throw new ImportParseError(
      'TOO_LARGE',
      `文件过大（${formatSize(bytes.length)}），单个页面不能超过 ${formatSize(MAX_PAGE_BYTES)}，请确认上传的是单个抓取页面。`,
    );
  }

  const bom = sniffBom(bytes);
  let encoding: string;
  let decoded: string;
  if (bom) {
    encoding = bom.encoding;
    decoded = iconv.decode(bytes.subarray(bom.length), encoding, { stripBOM: false });
  } else {
    // NUL never occurs in UTF-8/GBK text; without a BOM it means binary (or BOM-less
    // UTF-16, which we cannot tell apart reliably and do not receive from the scraper).
    // (Through a Buffer view: its search is native, a Uint8Array's compares byte by byte.)
    if (Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).includes(0)) throw binaryError();
    const utf8 = decodeStrictUtf8(bytes);
    if (utf8 !== null) {
      encoding = 'utf-8';
      decoded = utf8;
    } else {
      encoding = detectEncoding(bytes);
      decoded = iconv.decode(bytes, encoding, { stripBOM: false });
    }
  }

  const text = normalizeLines(decoded);
  // normalizeLines removes every control character, so when it changed nothing the only junk
  // there can be is U+FFFD, which a plain search finds faster than the junk scan.
  const mayHoldJunk = text !== decoded || decoded.includes('\uFFFD');
  if (mayHoldJunk && junkRatio(decoded) > MAX_JUNK_RATIO) throw binaryError();
  if (text.trim() === '') {
    throw new ImportParseError('EMPTY', '文件没有任何文字内容，请检查抓取结果后重新导入。');
  }
  return { text, encoding, hasBom: bom !== null };
}

function sniffBom(bytes: Uint8Array): Bom | null {
  const [b0, b1, b2, b3] = bytes;
  if (b0 === 0xef && b1 === 0xbb && b2 === 0xbf) return { encoding: 'utf-8', length: 3 };
  // UTF-32 LE starts like UTF-16 LE, so it is checked first.
  if (b0 === 0xff && b1 === 0xfe && b2 === 0 && b3 === 0) return { encoding: 'utf-32le', length: 4 };
  if (b0 === 0 && b1 === 0 && b2 === 0xfe && b3 === 0xff) return { encoding: 'utf-32be', length: 4 };
  if (b0 === 0xff && b1 === 0xfe) return { encoding: 'utf-16le', length: 2 };
  if (b0 === 0xfe && b1 === 0xff) return { encoding: 'utf-16be', length: 2 };
  return null;
}

// isUtf8 validates as strictly as a fatal TextDecoder, without throwing for every GBK file.
// V8 builds a string from UTF-8 several times slower than from UTF-16, so valid input is
// transcoded to UTF-16 natively first; for valid UTF-8 the result is the same string.
function decodeStrictUtf8(bytes: Uint8Array): string | null {
  if (!isUtf8(bytes)) return null;
  return transcode(bytes, 'utf8', 'utf16le').toString('utf16le');
}

function detectEncoding(bytes: Uint8Array): string {
  const result = detect(bytes);
  if (result.mimeType && !result.mimeType.startsWith('text/')) throw binaryError();
  if (!result.encoding) {
    throw new ImportParseError('ENCODING', '无法识别文件编码，请将文件另存为 UTF-8 编码后重新导入。');
  }
  const encoding = toIconvEncoding(result.encoding);
  if (!encoding) {
    throw new ImportParseError('ENCODING', `文件编码 ${result.encoding} 不受支持，请将文件另存为 UTF-8 编码后重新导入。`);
  }
  return encoding;
}

// jschardet follows Python chardet's names; iconv-lite has its own. GB2312 and GBK
// are subsets of GB18030, so GB18030 decodes all three exactly.
const ENCODING_ALIASES: Readonly<Record<string, string>> = {
  gb2312: 'gb18030',
  gbk: 'gb18030',
  'utf-8-sig': 'utf-8',
  'utf-16-le': 'utf-16le',
  'utf-16-be': 'utf-16be',
  'utf-32-le': 'utf-32le',
  'utf-32-be': 'utf-32be',
  shift_jis_2004: 'shift_jis',
  'euc-jis-2004': 'euc-jp',
};

function toIconvEncoding(detected: string): string | null {
  const name = detected.toLowerCase();
  const mapped = ENCODING_ALIASES[name] ?? name;
  return iconv.encodingExists(mapped) ? mapped : null;
}

function junkRatio(text: string): number {
  if (text.length === 0) return 0;
  // oxlint-disable-next-line no-control-regex -- control characters are the junk it counts
  const junk = text.match(/[\u0000-\u0008\u000B\u000E-\u001F\u007F-\u009F\uFFFD]/g);
  return (junk?.length ?? 0) / text.length;
}

function binaryError(): ImportParseError {
  return new ImportParseError('BINARY', '文件不是文本（可能是图片、压缩包或已损坏的文件），请确认上传的是抓取的 .txt 页面。');
}
