import { describe, expect, it } from 'vitest';
import type { RevisionRecommendation } from '@/lib/articles/write-revision';
import { diffBody, diffRecommendations, diffText, diffVersions, type VersionSnapshot } from './diff';

// Real text from the sample pages (prisma/sample-pages/000_f9d22c9b16a877c9.txt).
const p = (text: string) => ({ type: 'paragraph', content: [{ type: 'text', text }] });
const h = (text: string) => ({ type: 'heading', attrs: { level: 2 }, content: [{ type: 'text', text }] });
const ul = (...items: string[]) => ({ type: 'bulletList', content: items.map((text) => ({ type: 'listItem', content: [p(text)] })) });
const doc = (...content: unknown[]) => ({ type: 'doc', content });

const render = (parts: { kind: string; text: string }[]) =>
  parts.map((part) => (part.kind === 'ins' ? `<ins>${part.text}</ins>` : part.kind === 'del' ? `<del>${part.text}</del>` : part.text)).join('');

describe('text diff, character by character', () => {
  it('marks an insertion inside a Chinese sentence and nothing else', () => {
    expect(render(diffText('居民医保通常采用年缴制，即每年需缴纳一次费用。', '居民医保通常采用按年缴费制，即每年需缴纳一次费用。'))).toBe(
      '居民医保通常采用<ins>按</ins>年缴<ins>费</ins>制，即每年需缴纳一次费用。',
    );
  });

  it('shows a punctuation-only change as the punctuation it is', () => {
    expect(render(diffText('提示:本内容不能代替面诊,如有不适请尽快就医。', '提示：本内容不能代替面诊，如有不适请尽快就医。'))).toBe(
      '提示<del>:</del><ins>：</ins>本内容不能代替面诊<del>,</del><ins>，</ins>如有不适请尽快就医。',
    );
  });
});

describe('body diff, block by block', () => {
  it('keeps unchanged blocks aligned and diffs the edited paragraph inside', () => {
    const before = doc(h('1. 缴费周期'), p('居民医保通常采用年缴制。'), p('若中断缴费，次年将无法享受医保待遇。'));
    const after = doc(h('1. 缴费周期'), p('居民医保通常采用年缴制，每年缴费一次。'), p('若中断缴费，次年将无法享受医保待遇。'));
    const changes = diffBody(before, after);
    expect(changes.map((c) => c.type)).toEqual(['same', 'changed', 'same']);
    const edited = changes[1];
    expect(edited.type === 'changed' && render(edited.parts)).toBe('居民医保通常采用年缴制<ins>，每年缴费一次</ins>。');
  });

  it('shows an added heading and a removed paragraph as whole blocks', () => {
    const changes = diffBody(doc(p('职工医保是按月缴费。'), p('退休后无需再缴。')), doc(h('3. 与职工医保的差异'), p('职工医保是按月缴费。')));
    expect(changes.map((c) => [c.type, 'block' in c ? c.block.text : ''])).toEqual([
      ['added', '3. 与职工医保的差异'],
      ['same', '职工医保是按月缴费。'],
      ['removed', '退休后无需再缴。'],
    ]);
  });

  it('recognises a list item moved to another place', () => {
    const before = doc(
      ul('若连续缴费满1年，次年可享受医保待遇。', '若中断缴费，次年将无法享受医保待遇，需重新参保。', '若错过缴费期限，需等待下一年度再参保。'),
    );
    const after = doc(
      ul('若中断缴费，次年将无法享受医保待遇，需重新参保。', '若错过缴费期限，需等待下一年度再参保。', '若连续缴费满1年，次年可享受医保待遇。'),
    );
    const changes = diffBody(before, after);
    expect(changes.map((c) => c.type)).toEqual(['movedFrom', 'same', 'same', 'movedTo']);
    expect(changes.every((c) => 'block' in c && c.block.kind === 'listItem')).toBe(true);
  });
});

const item = (title: string, targetArticleId: string | null = null, summary = ''): RevisionRecommendation => ({
  title,
  summary,
  category: '医保问答',
  itemDate: null,
  targetArticleId,
});

describe('recommendation list diff', () => {
  it('finds moves in a reordered list, and nothing else', () => {
    const a = item('居民医保怎么交', 'art-a');
    const b = item('职工医保断缴怎么办', 'art-b');
    const c = item('2025年河南漯河治疗反复低烧的权威医院');
    const changes = diffRecommendations([a, b, c], [c, a, b]);
    expect(changes.map((ch) => [ch.type, ch.item.title, ch.from, ch.to])).toEqual([
      ['moved', c.title, 3, 1],
      ['same', a.title, 1, 2],
      ['same', b.title, 2, 3],
    ]);
  });

  it('tells added, removed and edited items apart, and keeps removed ones at their old place', () => {
    const a = item('居民医保怎么交', 'art-a', '按年缴费');
    const b = item('职工医保断缴怎么办', 'art-b');
    const c = item('异地就医如何备案');
    const changes = diffRecommendations([a, b, c], [{ ...a, summary: '每年缴费一次' }, c, item('门诊费用怎么报销')]);
    expect(changes.map((ch) => [ch.type, ch.item.title, ch.edited])).toEqual([
      ['edited', a.title, ['summary']],
      ['removed', b.title, []],
      ['same', c.title, []],
      ['added', '门诊费用怎么报销', []],
    ]);
  });
});

describe('version diff', () => {
  const base: VersionSnapshot = {
    title: '居民医保只能一年一交吗',
    slug: 'ju-min-yi-bao',
    summary: '居民医保的缴费和保障周期',
    contentDate: '2025-04-23',
    regions: [{ code: '440106', origin: 'MANUAL', confidence: 1 }],
    disclaimer: '提示:本内容不能代替面诊。',
    plainText: '2024年度缴费标准为380元。',
    body: doc(p('2024年度缴费标准为380元。')),
    recommendations: [item('居民医保怎么交', 'art-a')],
  };

  it('names each changed field with its Chinese label, regions by their path, and policy years', () => {
    const diff = diffVersions(base, {
      ...base,
      title: '居民医保只能一年一交吗（2025年更新）',
      regions: [
        { code: '440106', origin: 'MANUAL', confidence: 1 },
        { code: '110105', origin: 'MANUAL', confidence: 1 },
      ],
      plainText: '2025年度缴费标准为400元。',
      body: doc(p('2025年度缴费标准为400元。')),
    });
    expect(diff.changed).toBe(true);
    expect(diff.fields.map((f) => [f.label, f.before, f.after])).toEqual([
      ['标题', '居民医保只能一年一交吗', '居民医保只能一年一交吗（2025年更新）'],
      ['地区', '广东省 › 广州市 › 天河区', '广东省 › 广州市 › 天河区、北京市 › 朝阳区'],
      ['政策年份', '2024年', '2025年'],
    ]);
    expect(diff.body.map((c) => c.type)).toEqual(['changed']);
  });

  it('finds no change between a version and itself', () => {
    const diff = diffVersions(base, structuredClone(base));
    expect(diff).toMatchObject({ changed: false, fields: [] });
  });
});
