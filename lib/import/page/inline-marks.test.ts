import { describe, expect, it } from 'vitest';

import { toInlineNodes } from './inline-marks';

const bold = (text: string) => ({ type: 'text', text, marks: [{ type: 'bold' }] });
const plain = (text: string) => ({ type: 'text', text });

describe('toInlineNodes', () => {
  it('turns a space-padded phrase inside a line into bold and drops the padding', () => {
    expect(toInlineNodes('居民医保通常采用 年缴制 ，即每年需缴纳')).toEqual([plain('居民医保通常采用'), bold('年缴制'), plain('，即每年需缴纳')]);
  });

  it('turns a label at the start of a line followed by punctuation into bold', () => {
    expect(toInlineNodes('连续中断不超过3个月 ：可恢复参保')).toEqual([bold('连续中断不超过3个月'), plain('：可恢复参保')]);
    expect(toInlineNodes('合理规划就医 :建议')).toEqual([bold('合理规划就医'), plain(':建议')]);
  });

  it('handles several bold phrases in one line', () => {
    expect(toInlineNodes('分为 门诊 和 住院 两类')).toEqual([plain('分为'), bold('门诊'), plain('和'), bold('住院'), plain('两类')]);
  });

  it.each([
    ['plain text', '没有任何空格的一句话。'],
    ['Latin words', 'Hello World Foo'],
    ['numbers', '共 1,000 元 3 个'],
    ['Latin words in Chinese text', '支持 iOS 和 Android 系统'],
    ['a leading phrase not followed by punctuation', '医院简介 丽水市人民医院'],
    ['a trailing phrase', '详见 附件说明'],
  ])('does not bold %s', (_, input) => {
    const nodes = toInlineNodes(input);
    expect(nodes).toHaveLength(1);
    expect(nodes[0]).toEqual(plain(input.replace(/ +/g, ' ')));
  });

  it('does not bold long space-delimited runs (flattened text, not <strong>)', () => {
    const long = '这是一段很长很长的文字'.repeat(5);
    expect(toInlineNodes(`前文 ${long} ，后文`)).toEqual([plain(`前文 ${long} ，后文`)]);
  });

  it('splits only at ASCII spaces: other whitespace inside a line is text', () => {
    expect(toInlineNodes('\u3000医保\u3000说明\t ')).toEqual([plain('医保\u3000说明')]);
    expect(toInlineNodes('采用\u3000年缴制\u3000，即')).toEqual([plain('采用\u3000年缴制\u3000，即')]);
  });

  it('collapses repeated spaces and returns nothing for blank input', () => {
    expect(toInlineNodes('A   B')).toEqual([plain('A B')]);
    expect(toInlineNodes('   ')).toEqual([]);
  });
});
