import { describe, expect, it } from 'vitest';
import { editorRegionTags } from './region-tags';

const auto = (regionCode: string, confidence = 0.8) => ({ regionCode, origin: 'AUTO' as const, confidence });
const manual = (regionCode: string) => ({ regionCode, origin: 'MANUAL' as const, confidence: 1 });

describe('editorRegionTags', () => {
  it('keeps a suggestion as a suggestion, accepts one as the editor’s, and adds new tags as the editor’s', () => {
    const { rows } = editorRegionTags(
      [auto('440100', 0.7), auto('440106', 0.9), manual('110000')],
      [],
      [
        { code: '440100', origin: 'AUTO' },
        { code: '440106', origin: 'MANUAL' },
        { code: '110000', origin: 'MANUAL' },
        { code: '310000', origin: 'AUTO' },
      ],
    );
    expect(rows).toEqual([auto('440100', 0.7), manual('440106'), manual('110000'), manual('310000')]);
  });

  it('never lets a client turn an editor’s tag into a suggestion or set a confidence', () => {
    const { rows } = editorRegionTags([manual('110000')], [], [{ code: '110000', origin: 'AUTO' }]);
    expect(rows).toEqual([manual('110000')]);
  });

  it('remembers a rejected suggestion, ignores rejecting a tag that was not one, and un-rejects what the editor tags by hand', () => {
    const { rows, rejectedRegionCodes } = editorRegionTags(
      [auto('440100'), manual('110000')],
      ['500000', '320100'],
      [{ code: '320100', origin: 'MANUAL' }],
      ['440100', '110000'],
    );
    expect(rows).toEqual([manual('320100')]);
    expect(rejectedRegionCodes).toEqual(['440100', '500000']);
  });

  it('refuses a code that does not exist, and takes a repeated tag once', () => {
    expect(() => editorRegionTags([], [], [{ code: '999999', origin: 'MANUAL' }])).toThrow(/地区代码 999999 不存在/);
    expect(
      editorRegionTags(
        [],
        [],
        [
          { code: '110000', origin: 'MANUAL' },
          { code: '110000', origin: 'MANUAL' },
        ],
      ).rows,
    ).toEqual([manual('110000')]);
  });
});
