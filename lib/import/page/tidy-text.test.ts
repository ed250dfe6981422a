import { describe, expect, it } from 'vitest';

import { cutSummary, isLongerThan, tidyPlainText } from './tidy-text';
import { seededRandom } from '@/tests/fixtures/seeded-random';

describe('cutSummary', () => {
  const sentence = '这是一个完整的句子。'; // 10 characters

  it('keeps short text as it is', () => {
    expect(cutSummary('短摘要。')).toBe('短摘要。');
    expect(cutSummary('字'.repeat(120))).toBe('字'.repeat(120));
  });

  it('ends after the last full sentence that fits', () => {
    const text = sentence.repeat(13); // 130 characters
    expect(cutSummary(text)).toBe(sentence.repeat(12));
  });

  it('falls back to a clause break with an ellipsis', () => {
    const text = `${'字'.repeat(100)}，${'字'.repeat(50)}`;
    expect(cutSummary(text)).toBe(`${'字'.repeat(100)}…`);
  });

  it('hard-cuts without splitting a Latin word or number', () => {
    const text = `${'字'.repeat(115)}abcdefghij${'字'.repeat(10)}`;
    expect(cutSummary(text)).toBe(`${'字'.repeat(115)}…`);
    expect(Array.from(cutSummary('字'.repeat(200))).length).toBe(120);
  });

  it('counts characters, not UTF-16 units', () => {
    expect(cutSummary('𠀀'.repeat(120))).toBe('𠀀'.repeat(120));
    expect(cutSummary(`${'字'.repeat(60)}${'𠀀'.repeat(60)}`)).toBe(`${'字'.repeat(60)}${'𠀀'.repeat(60)}`);
    expect(Array.from(cutSummary(`${'字'.repeat(60)}${'𠀀'.repeat(61)}`)).length).toBe(120);
  });
});

describe('tidyPlainText', () => {
  it('collapses whitespace and drops spaces around CJK punctuation only', () => {
    expect(tidyPlainText('  种植牙 ：约6000元 。 Hello   World \n 医院（三甲） 推荐 ')).toBe('种植牙：约6000元。Hello World 医院（三甲）推荐');
  });
});

describe('tidyPlainText whitespace', () => {
  // The definition: collapse whitespace runs, trim, drop spaces next to CJK punctuation.
  const reference = (text: string) =>
    text
      .replace(/\s+/g, ' ')
      .trim()
      .replace(/ ?([\u3001-\u303F\uFF01-\uFF60]) ?/gu, '$1');

  it.each([
    ['', ''],
    ['   ', ''],
    ['\t医保\u3000\u00a0', '医保'],
    ['a\u2028\ufeff b', 'a b'],
    ['医保 \u3000 ， 。 说明', '医保，。说明'],
    ['（三甲） 医院', '（三甲）医院'],
    ['a 、', 'a、'],
    ['Hello \n World', 'Hello World'],
  ])('tidies %j', (input, expected) => {
    expect(tidyPlainText(input)).toBe(expected);
    expect(reference(input)).toBe(expected);
  });

  it('matches the definition on random text', () => {
    const alphabet = [' ', '  ', '\t', '\n', '\u3000', '\u00a0', '\u2028', '\ufeff', '医', 'a', '1', '，', '。', '（', '）', '、', '！', ',', '𠀀', '\ud800'];
    const random = seededRandom(7);
    for (let n = 0; n < 2000; n += 1) {
      const text = Array.from({ length: random(12) }, () => alphabet[random(alphabet.length)]).join('');
      expect(tidyPlainText(text)).toBe(reference(text));
    }
  });
});

describe('isLongerThan', () => {
  it('counts code points like Array.from', () => {
    expect(isLongerThan('字'.repeat(3), 3)).toBe(false);
    expect(isLongerThan('字'.repeat(4), 3)).toBe(true);
    expect(isLongerThan('𠀀'.repeat(3), 3)).toBe(false);
    expect(isLongerThan('𠀀'.repeat(3) + '字', 3)).toBe(true);
    expect(isLongerThan('\ud800'.repeat(4), 3)).toBe(true);
    expect(isLongerThan('', 0)).toBe(false);
  });
});
