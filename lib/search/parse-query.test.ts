import { describe, expect, it } from 'vitest';
import { buildSynonymIndex, parseQuery, queryTerms, toTsquery } from './parse-query';

const synonyms = buildSynonymIndex([
  ['居民医保', '城乡居民基本医疗保险'],
  ['异地就医', '跨省就医'],
  ['门慢', '门诊慢特病'],
]);

describe('queryTerms', () => {
  it('trims, normalises and splits on any whitespace (full-width included)', () => {
    expect(queryTerms('  职工医保\u3000退休 ')).toEqual(['职工医保', '退休']);
    expect(queryTerms('ＡＢＣ')).toEqual(['abc']);
  });
  it('drops terms that are punctuation only, and keeps at most 8', () => {
    expect(queryTerms("' & | ! ( ) : * <->")).toEqual([]);
    expect(queryTerms('a b c d e f g h i j')).toHaveLength(8);
  });
});

describe('toTsquery', () => {
  it('a two-character query is one lexeme; one character a prefix', () => {
    expect(toTsquery(parseQuery('医保')!)).toBe("(('医保'))");
    expect(toTsquery(parseQuery('药')!)).toBe("(('药':*))");
  });
  it('a longer word is the word itself or all of its bigrams', () => {
    expect(toTsquery(parseQuery('断缴影响')!)).toBe("(('断缴')) & (('影响'))");
    expect(toTsquery(parseQuery('城乡居民')!)).toBe("((('城乡居民' | '城乡' & '乡居' & '居民')))");
  });
  it('ANDs the terms and restricts to titles with weight A', () => {
    expect(toTsquery(parseQuery('职工医保 退休')!, 'A')).toBe("((('职工医保':A | '职工':A & '工医':A & '医保':A))) & (('退休':A))");
  });
  it('never lets input become tsquery syntax', () => {
    for (const hostile of ["' & | ! ( ) : * <->", "医保' | '药", '医保:*A & !退休', "x\\' <-> y", '(医保))|(((']) {
      const parsed = parseQuery(hostile);
      if (!parsed) continue;
      const query = toTsquery(parsed);
      // Every lexeme is quoted and holds only letters or digits; the operators are ours.
      const lexemes = [...query.matchAll(/'([^']*)'/g)].map((m) => m[1]);
      for (const lexeme of lexemes) expect(lexeme).toMatch(/^[\p{L}\p{N}]+$/u);
      expect(query.replace(/'[^']*'/g, 'X')).toMatch(/^[X&|():*A ]+$/);
    }
    expect(parseQuery("' & | ! ( ) : * <->")).toBeNull();
    expect(toTsquery(parseQuery("医保' | '药")!)).toBe("(('医保')) & (('药':*))");
  });
});

describe('synonyms', () => {
  it('a whole term in a group matches any member', () => {
    const parsed = parseQuery('居民医保', synonyms)!;
    expect(parsed.units).toHaveLength(1);
    expect(parsed.units[0].alternatives).toEqual([['居民医保'], ['城乡居民基本医疗保险']]);
    expect(parsed.needles).toEqual(['居民医保', '城乡居民基本医疗保险']);
    expect(parseQuery('居民医保', new Map())!.units[0].alternatives).toEqual([['居民医保']]);
  });
  it('a word inside a longer term expands too', () => {
    const parsed = parseQuery('异地就医报销', synonyms)!;
    expect(parsed.units.map((u) => u.alternatives)).toEqual([[['异地就医'], ['跨省就医']], [['报销']]]);
  });
  it('works in both directions and ignores one-member groups', () => {
    expect(parseQuery('门诊慢特病', synonyms)!.units[0].alternatives).toContainEqual(['门慢']);
    expect(buildSynonymIndex([['医保']]).size).toBe(0);
  });
});
