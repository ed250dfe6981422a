import { describe, expect, it } from 'vitest';
import { queryTerms } from './parse-query';
import { MAX_QUERY_CHARS, queryCutNotice, readQueryText, withoutControlChars } from './query-text';

describe('readQueryText', () => {
  it('turns NUL and every other control character into a space, then trims', () => {
    expect(readQueryText('\u0000')).toEqual({ text: '', cut: false });
    expect(readQueryText('医保\u0000断缴')).toEqual({ text: '医保 断缴', cut: false });
    expect(readQueryText('\u0001a\tb\nc\r\u001f\u007f\u0085d\u009f')).toEqual({ text: 'a b c    d', cut: false });
    expect(withoutControlChars('a\u0000b')).toBe('a b');
  });

  it('keeps ordinary text as it is, full-width spaces and punctuation included', () => {
    expect(readQueryText(' 职工医保\u3000退休，100% ')).toEqual({ text: '职工医保\u3000退休，100%', cut: false });
  });

  it('cuts text past 100 characters and says so, never inside a surrogate pair', () => {
    expect(readQueryText('医'.repeat(MAX_QUERY_CHARS))).toEqual({ text: '医'.repeat(MAX_QUERY_CHARS), cut: false });
    expect(readQueryText('a'.repeat(5000))).toEqual({ text: 'a'.repeat(MAX_QUERY_CHARS), cut: true });
    const emoji = `${'a'.repeat(MAX_QUERY_CHARS - 1)}😀b`;
    expect(readQueryText(emoji)).toEqual({ text: 'a'.repeat(MAX_QUERY_CHARS - 1), cut: true });
    // Control characters are counted after they are gone from the ends.
    expect(readQueryText(`\u0000${'a'.repeat(MAX_QUERY_CHARS)}\u0000`)).toEqual({ text: 'a'.repeat(MAX_QUERY_CHARS), cut: false });
    expect(readQueryText('abc', 2)).toEqual({ text: 'ab', cut: true });
    expect(queryCutNotice()).toBe('搜索词超过 100 个字，只按前 100 个字搜索。');
  });

  it('reads the first of a repeated parameter, and nothing from what is not text', () => {
    expect(readQueryText(['医保', '断缴'])).toEqual({ text: '医保', cut: false });
    expect(readQueryText(undefined)).toEqual({ text: '', cut: false });
    expect(readQueryText(42)).toEqual({ text: '', cut: false });
    expect(readQueryText([])).toEqual({ text: '', cut: false });
  });

  it('is how the search query reads its text', () => {
    expect(queryTerms('\u0000医保\u0000')).toEqual(['医保']);
    expect(queryTerms(`${'医'.repeat(MAX_QUERY_CHARS)}保`)).toEqual(['医'.repeat(MAX_QUERY_CHARS)]);
  });
});
