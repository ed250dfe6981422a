import { describe, expect, it } from 'vitest';
import { breadcrumbList, qaPage, serializeJsonLd } from './structured-data';

const input = {
  url: 'https://baoda.example.cn/a/ju-min-yi-bao',
  title: '居民医保断缴了怎么办',
  summary: '断缴后可以补缴。',
  answerText: '一、可以补缴。</script><script>alert(1)</script>',
  publishedAt: '2026-01-01T00:00:00.000Z',
  updatedAt: '2026-01-02T00:00:00.000Z',
  siteName: '保答',
  siteUrl: 'https://baoda.example.cn/',
  image: 'https://baoda.example.cn/share.png',
};

describe('JSON-LD', () => {
  it('never lets the text end the script element, and parses back to the same data', () => {
    const data = qaPage(input);
    const text = serializeJsonLd(data);
    expect(text).not.toMatch(/[<>&\u2028\u2029]/);
    expect(JSON.parse(text)).toEqual(data);
  });

  it('an article is a QAPage: a Question with its accepted Answer and what search engines require', () => {
    const page = JSON.parse(serializeJsonLd(qaPage(input)));
    expect(page['@context']).toBe('https://schema.org');
    expect(page['@type']).toBe('QAPage');
    const question = page.mainEntity;
    expect(question).toMatchObject({ '@type': 'Question', name: input.title, text: input.summary, answerCount: 1, datePublished: input.publishedAt });
    expect(question.acceptedAnswer).toMatchObject({ '@type': 'Answer', text: input.answerText, url: input.url, author: { '@type': 'Organization', name: '保答' } });
  });

  it('caps a very long answer and falls back to the summary for an empty body', () => {
    expect(qaPage({ ...input, answerText: '字'.repeat(6000) }).mainEntity.acceptedAnswer.text).toHaveLength(5000);
    expect(qaPage({ ...input, answerText: '  ' }).mainEntity.acceptedAnswer.text).toBe(input.summary);
  });

  it('a breadcrumb list numbers its items from 1 with absolute URLs', () => {
    const list = breadcrumbList([
      { name: '保答', url: 'https://baoda.example.cn/' },
      { name: '广东省', url: 'https://baoda.example.cn/regions/440000' },
    ]);
    expect(list['@type']).toBe('BreadcrumbList');
    expect(list.itemListElement).toEqual([
      { '@type': 'ListItem', position: 1, name: '保答', item: 'https://baoda.example.cn/' },
      { '@type': 'ListItem', position: 2, name: '广东省', item: 'https://baoda.example.cn/regions/440000' },
    ]);
  });
});
