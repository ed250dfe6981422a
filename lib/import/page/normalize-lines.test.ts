import { describe, expect, it } from 'vitest';

import { normalizeLines } from './normalize-lines';
import { seededRandom } from '@/tests/fixtures/seeded-random';

// The definition, line by line: unify line ends, drop invisible and control characters, turn
// space-like characters into spaces, expand leading tabs, trim trailing blanks.
function reference(text: string): string {
  return (
    text
      .replace(/\r\n?/g, '\n')
      .replace(/[\u200B-\u200D\u2060\uFEFF]/g, '')
      .replace(/[\u00A0\u2007\u202F]/g, ' ')
      // oxlint-disable-next-line no-control-regex -- the reference removes control characters too
      .replace(/[\u0000-\u0008\u000B-\u001F\u007F-\u009F]/g, '')
      .split('\n')
      .map((line) => {
        if (!line.includes('\t')) return line;
        const leading = /^[\t ]*/.exec(line)![0];
        return leading.replace(/\t/g, '    ') + line.slice(leading.length).replace(/\t+/g, ' ');
      })
      .map((line) => line.replace(/[ \u3000]+$/, ''))
      .join('\n')
  );
}

describe('normalizeLines', () => {
  it('matches the line-by-line definition on random text, and is idempotent', () => {
    const alphabet = [
      ' ',
      '\u3000',
      '\t',
      '\n',
      '\r',
      '\r\n',
      '\u00a0',
      '\u2007',
      '\u202f',
      '\u200b',
      '\ufeff',
      '\u2060',
      '\u0001',
      '\u000b',
      '\u000c',
      '\u0085',
      '\u2028',
      '医',
      'a',
      '1.',
    ];
    const random = seededRandom(11);
    for (let n = 0; n < 3000; n += 1) {
      const text = Array.from({ length: random(16) }, () => alphabet[random(alphabet.length)]).join('');
      const once = normalizeLines(text);
      expect(once).toBe(reference(text));
      expect(normalizeLines(once)).toBe(once);
    }
  });

  it('gives the same answer when called again with the same text or its result', () => {
    const a = 'a \r\nb\t';
    const b = 'c\u00a0\n';
    expect(normalizeLines(a)).toBe('a\nb');
    expect(normalizeLines(b)).toBe('c\n');
    expect(normalizeLines(a)).toBe('a\nb');
    expect(normalizeLines('a\nb')).toBe('a\nb');
    expect(normalizeLines(a)).toBe('a\nb');
  });

  it('keeps blanks before a U+2028 (not a line end of the format)', () => {
    expect(normalizeLines('a \u2028b ')).toBe('a \u2028b');
  });

  it('handles a long run of blanks inside a line in linear time', () => {
    const text = `a${' '.repeat(200_000)}b\u3000\n${'\u3000'.repeat(200_000)}c `;
    const started = performance.now();
    expect(normalizeLines(text)).toBe(`a${' '.repeat(200_000)}b\n${'\u3000'.repeat(200_000)}c`);
    expect(performance.now() - started).toBeLessThan(1000);
  });
});
