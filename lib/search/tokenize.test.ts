import { describe, expect, it } from 'vitest';
import { normalizeChar, normalizeText, splitRuns } from './normalize';
import { fieldLexemes, queryWords } from './tokenize';
import { fieldVectorLiteral } from './vector';

describe('normalizeText', () => {
  it('folds full-width letters, digits and punctuation and lower-cases', () => {
    expect(normalizeText('ＡＢＣ１２３，医保（职工）')).toBe('abc123,医保(职工)');
  });
  it('normalises every code point of the Basic Multilingual Plane as NFKC then lower case does', () => {
    for (let code = 0; code <= 0xffff; code++) {
      if (code >= 0xd800 && code <= 0xdfff) continue;
      const char = String.fromCharCode(code);
      if (normalizeChar(char) !== char.normalize('NFKC').toLowerCase()) throw new Error(`U+${code.toString(16)}`);
    }
  });
  it('splits Chinese runs from letters and digits on any punctuation', () => {
    expect(splitRuns(normalizeText('2025年医保：ICP备案'))).toEqual([
      { kind: 'alnum', text: '2025' },
      { kind: 'han', text: '年医保' },
      { kind: 'alnum', text: 'icp' },
      { kind: 'han', text: '备案' },
    ]);
  });
});

describe('fieldLexemes', () => {
  const title = '2025年广州城乡居民医保缴费标准是多少？';
  const lexemes = fieldLexemes(title, 'title');

  it('holds every bigram of each Chinese run, so any two-character query is one lexeme', () => {
    for (const gram of ['医保', '缴费', '居民', '民医', '保缴']) expect(lexemes).toContain(gram);
  });
  it('holds the last character of a run alone, so a one-character prefix query finds it', () => {
    expect(lexemes).toContain('少');
  });
  it('holds jieba words of three or more characters in a title, domain words included', () => {
    expect(lexemes).toContain('城乡居民医保');
    expect(fieldLexemes('异地就医需要先备案', 'title')).toContain('异地就医');
    expect(fieldLexemes('门诊慢特病的待遇', 'title')).toContain('门诊慢特病');
  });
  it('holds no words in other text, only its bigrams, which every word query also matches', () => {
    const text = fieldLexemes(title, 'text');
    expect(text).not.toContain('城乡居民医保');
    expect(text).toEqual(lexemes.filter((l) => l.length <= 2 || /^[a-z0-9]+$/.test(l)));
    for (const gram of ['城乡', '乡居', '居民', '民医', '医保']) expect(text).toContain(gram);
  });
  it('keeps letters and digits whole, normalised', () => {
    expect(lexemes).toContain('2025');
    expect(fieldLexemes('ＩＣＰ备案', 'text')).toContain('icp');
  });
  it('lists each lexeme once', () => {
    const repeated = fieldLexemes('医保医保医保', 'title');
    expect(repeated.filter((l) => l === '医保')).toHaveLength(1);
  });
  it('makes a tsvector literal with quoted lexemes and one position each', () => {
    expect(fieldVectorLiteral('医保卡', 'title')).toMatch(/^'医保':1 '保卡':2 '卡':3/);
    expect(fieldVectorLiteral("it's", 'text')).toBe("'it':1 's':2");
  });
});

describe('queryWords', () => {
  it('cuts a query term into the words it means, with the insurance dictionary', () => {
    expect(queryWords('居民医保缴费')).toEqual(['居民医保', '缴费']);
    expect(queryWords('职工医保')).toEqual(['职工医保']);
    expect(queryWords('异地就医')).toEqual(['异地就医']);
  });
  it('drops one-character filler words inside a longer term, keeps a one-character query', () => {
    expect(queryWords('医保断缴有什么影响')).toEqual(['医保', '断缴', '什么', '影响']);
    expect(queryWords('药')).toEqual(['药']);
  });
});
