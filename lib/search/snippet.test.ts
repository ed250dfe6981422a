import { describe, expect, it } from 'vitest';
import { parseQuery } from './parse-query';
import { buildSnippet, findMatches } from './snippet';

const body =
  '参保人员在定点医疗机构住院发生的政策范围内费用，按规定比例由统筹基金支付。灵活就业人员可以在户籍地或居住地参加职工医保，也可以选择参加居民医保。医保断缴后重新参保的，一般需要经过一定的等待期才能享受待遇。异地长期居住人员应先办理备案手续，再到备案地的定点医院就医结算。';

const text = (segments: { text: string }[]) => segments.map((s) => s.text).join('');
const marked = (segments: { text: string; mark: boolean }[]) => segments.filter((s) => s.mark).map((s) => s.text);

describe('buildSnippet', () => {
  it('is a passage around the first match with every query word marked', () => {
    const segments = buildSnippet([body], parseQuery('断缴 参保')!.needles);
    expect(text(segments)).toContain('医保断缴后重新参保的');
    expect(marked(segments)).toEqual(expect.arrayContaining(['断缴', '参保']));
    expect([...text(segments)].length).toBeLessThanOrEqual(112);
  });
  it('starts shortly before a match deep in the text, with an ellipsis on both cut sides', () => {
    const segments = buildSnippet([body], ['备案']);
    expect(text(segments).startsWith('…')).toBe(true);
    expect(text(segments)).toContain('异地长期居住人员应先办理备案手续');
    expect(marked(segments)).toEqual(['备案', '备案']);
  });
  it('marks the original characters of a full-width or upper-case match', () => {
    expect(findMatches('办理ＩＣＰ备案', ['icp'])).toEqual([[2, 5]]);
  });
  it('prefers the longest match where they overlap', () => {
    expect(findMatches('职工医保待遇', ['医保', '职工医保'])).toEqual([[0, 4]]);
  });
  it('falls back to the summary, then to the start of the text', () => {
    expect(marked(buildSnippet(['正文没有', '摘要里有门诊'], ['门诊']))).toEqual(['门诊']);
    expect(text(buildSnippet(['正文开头', ''], ['不存在']))).toBe('正文开头');
  });
  it('keeps markup as plain text (escaped by React when rendered)', () => {
    const segments = buildSnippet(['<script>alert(1)</script>医保'], ['医保']);
    expect(text(segments)).toContain('<script>');
    expect(marked(segments)).toEqual(['医保']);
  });
});
