import { describe, expect, it } from 'vitest';

import { cutSummary, tidyPlainText } from './tidy-text';

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
  });
});

describe('tidyPlainText', () => {
  it('collapses whitespace and drops spaces around CJK punctuation only', () => {
    expect(tidyPlainText('  种植牙 ：约6000元 。 Hello   World \n 医院（三甲） 推荐 ')).toBe(
      '种植牙：约6000元。Hello World 医院（三甲）推荐',
    );
  });
});
