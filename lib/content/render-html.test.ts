import { describe, expect, it } from 'vitest';

import { renderBodyHtml } from './render-html';
import { importerStyleDoc, linkedText, paragraphWith } from '@/tests/fixtures/content/documents';
import { seededRandom } from '@/tests/fixtures/seeded-random';

const REL = 'rel="noopener noreferrer nofollow"';

describe('renderBodyHtml: structure', () => {
  it('renders an importer-style doc', () => {
    expect(renderBodyHtml(importerStyleDoc())).toBe(
      '<p>居民医保的缴费和保障周期具有以下特点:</p>' +
        '<h2>一、缴费周期</h2>' +
        '<ol><li><p>缴费周期</p><p>居民医保通常采用<strong>年缴制</strong>,即每年需缴纳一次费用。</p></li>' +
        '<li><p>连续缴费与待遇保障</p><ul><li><p>若连续缴费满1年,次年可享受医保待遇。</p></li>' +
        '<li><p>若中断缴费,需重新参保。</p></li></ul></li></ol>',
    );
  });

  it('renders h2/h3 and clamps other levels into that range', () => {
    const html = renderBodyHtml({
      type: 'doc',
      content: [1, 2, 3, 4, 'x'].map((level) => ({
        type: 'heading',
        attrs: { level },
        content: [{ type: 'text', text: `L${String(level)}` }],
      })),
    });
    expect(html).toBe('<h2>L1</h2><h2>L2</h2><h3>L3</h3><h3>L4</h3><h2>Lx</h2>');
  });

  it('keeps an ordered list start and drops a bogus one', () => {
    const list = (attrs: unknown) => ({
      type: 'orderedList',
      attrs,
      content: [{ type: 'listItem', content: [{ type: 'paragraph', content: [{ type: 'text', text: '项' }] }] }],
    });
    expect(renderBodyHtml({ type: 'doc', content: [list({ start: 3 })] })).toBe('<ol start="3"><li><p>项</p></li></ol>');
    expect(renderBodyHtml({ type: 'doc', content: [list({ start: '3" onclick="x' })] })).toBe('<ol><li><p>项</p></li></ol>');
    expect(renderBodyHtml({ type: 'doc', content: [list({ start: 2, type: 'a' })] })).toBe('<ol start="2" type="a"><li><p>项</p></li></ol>');
    expect(renderBodyHtml({ type: 'doc', content: [list({ type: '"><script>' })] })).toBe('<ol><li><p>项</p></li></ol>');
  });

  it('renders bold, italic, hard breaks, blockquote and horizontal rule', () => {
    const html = renderBodyHtml({
      type: 'doc',
      content: [
        {
          type: 'paragraph',
          content: [{ type: 'text', text: '粗', marks: [{ type: 'bold' }] }, { type: 'hardBreak' }, { type: 'text', text: '斜', marks: [{ type: 'italic' }] }],
        },
        { type: 'blockquote', content: [{ type: 'paragraph', content: [{ type: 'text', text: '引' }] }] },
        { type: 'horizontalRule' },
      ],
    });
    expect(html).toBe('<p><strong>粗</strong><br/><em>斜</em></p><blockquote><p>引</p></blockquote><hr/>');
  });

  it('renders allowed links with rel and no target', () => {
    expect(renderBodyHtml(paragraphWith(linkedText('https://www.nhsa.gov.cn/', '国家医保局')))).toBe(
      `<p><a href="https://www.nhsa.gov.cn/" ${REL}>国家医保局</a></p>`,
    );
    expect(renderBodyHtml(paragraphWith(linkedText('/articles/a?x=1&y=2')))).toBe(`<p><a href="/articles/a?x=1&amp;y=2" ${REL}>点击这里</a></p>`);
    expect(renderBodyHtml(paragraphWith(linkedText('mailto:a@example.com')))).toContain('href="mailto:a@example.com"');
  });

  it('returns an empty string for empty or non-document input', () => {
    expect(renderBodyHtml({ type: 'doc', content: [] })).toBe('');
    expect(renderBodyHtml(null)).toBe('');
    expect(renderBodyHtml('<script>alert(1)</script>')).toBe('');
    expect(renderBodyHtml(42)).toBe('');
  });

  it('renders an empty paragraph as an empty element', () => {
    expect(renderBodyHtml({ type: 'doc', content: [{ type: 'paragraph' }] })).toBe('<p></p>');
  });
});

describe('renderBodyHtml: XSS', () => {
  it.each([
    'javascript:alert(1)',
    'JaVaScRiPt:alert(1)',
    ' javascript:alert(1)',
    'java\tscript:alert(1)',
    'java\nscript:alert(1)',
    '\u0001javascript:alert(1)',
    'javascript&colon;alert(1)',
    'data:text/html,<script>alert(1)</script>',
    'http://example.com',
    '//evil.example',
    '/\\evil.example',
    'https://a@evil.example',
    '',
  ])('drops the link but keeps the text for href %j', (href) => {
    const html = renderBodyHtml(paragraphWith(linkedText(href)));
    expect(html).toBe('<p>点击这里</p>');
  });

  it('drops links whose href is not a string or is missing', () => {
    for (const attrs of [{ href: ['javascript:alert(1)'] }, { href: { toString: () => 'x' } }, {}, undefined]) {
      const html = renderBodyHtml(paragraphWith({ type: 'text', text: 't', marks: [{ type: 'link', attrs }] }));
      expect(html).toBe('<p>t</p>');
    }
  });

  it('escapes markup in text', () => {
    const html = renderBodyHtml(
      paragraphWith(
        { type: 'text', text: '<script>alert(1)</script>' },
        { type: 'text', text: '"><img src=x onerror=alert(1)>' },
        { type: 'text', text: '\' & "' },
      ),
    );
    expect(html).toBe('<p>&lt;script&gt;alert(1)&lt;/script&gt;"&gt;&lt;img src=x onerror=alert(1)&gt;\' &amp; "</p>');
    expect(html).not.toMatch(/<(script|img)/i);
  });

  it('escapes quotes in link hrefs so they cannot leave the attribute', () => {
    const html = renderBodyHtml(paragraphWith(linkedText('https://example.com/"onmouseover="alert(1)')));
    expect(html).toBe(`<p><a href="https://example.com/&quot;onmouseover=&quot;alert(1)" ${REL}>点击这里</a></p>`);
  });

  it('never renders unknown nodes as HTML', () => {
    const html = renderBodyHtml({
      type: 'doc',
      content: [
        { type: 'iframe', attrs: { src: 'https://evil.example' } },
        { type: 'htmlBlock', attrs: { html: '<script>alert(1)</script>' } },
        { type: 'image', attrs: { src: 'x', onerror: 'alert(1)' } },
        { type: 'codeBlock', content: [{ type: 'text', text: '<b>code</b>' }] },
        { type: 'paragraph', content: [{ type: 'text', text: '正文' }] },
      ],
    });
    expect(html).toBe('<p>&lt;b&gt;code&lt;/b&gt;</p><p>正文</p>');
  });

  it('keeps the text of unknown wrappers, inline and block', () => {
    const html = renderBodyHtml({
      type: 'doc',
      content: [
        { type: 'details', content: [{ type: 'paragraph', content: [{ type: 'text', text: '甲' }] }] },
        {
          type: 'paragraph',
          content: [{ type: 'mention', attrs: { id: '<x>' }, content: [{ type: 'text', text: '乙', marks: [{ type: 'bold' }] }] }],
        },
      ],
    });
    expect(html).toBe('<p>甲</p><p><strong>乙</strong></p>');
  });

  it('ignores unknown marks and unknown attributes', () => {
    const html = renderBodyHtml({
      type: 'doc',
      content: [
        {
          type: 'paragraph',
          attrs: { style: 'background:url(javascript:alert(1))', class: 'x', onclick: 'alert(1)' },
          content: [
            {
              type: 'text',
              text: '文',
              marks: [
                { type: 'textStyle', attrs: { style: 'color:red' } },
                { type: 'bold', attrs: { onclick: 'alert(1)' } },
                { type: 'link', attrs: { href: '/a', target: '_blank', onclick: 'alert(1)', class: 'x' } },
              ],
            },
          ],
        },
        { type: 'heading', attrs: { level: 2, id: '"><script>', style: 'x' }, content: [{ type: 'text', text: '题' }] },
      ],
    });
    expect(html).toBe(`<p><strong><a href="/a" ${REL}>文</a></strong></p><h2>题</h2>`);
  });

  it('does not trust a node type given as an object or a text given as a non-string', () => {
    const html = renderBodyHtml({
      type: 'doc',
      content: [
        { type: { name: 'paragraph' }, content: [{ type: 'text', text: 'a' }] },
        {
          type: 'paragraph',
          content: [
            { type: 'text', text: ['<script>'] },
            { type: 'text', text: 'b' },
          ],
        },
      ],
    });
    expect(html).toBe('<p>a</p><p>b</p>');
  });

  it('survives very deep nesting without recursing without bound', () => {
    let node: Record<string, unknown> = { type: 'text', text: '<深>' };
    for (let index = 0; index < 5000; index += 1) {
      node = { type: 'blockquote', content: [node] };
    }
    const html = renderBodyHtml({ type: 'doc', content: [node] });
    expect(html).toContain('&lt;深&gt;');
    expect(html).not.toContain('<深>');
  });

  it('never emits markup from random junk', () => {
    const types = [
      'doc',
      'paragraph',
      'heading',
      'text',
      'listItem',
      'bulletList',
      'orderedList',
      'blockquote',
      'hardBreak',
      'horizontalRule',
      'script',
      'iframe',
      'link',
      'bold',
    ];
    const random = seededRandom(42);
    const junk = (depth: number): unknown => {
      const node: Record<string, unknown> = { type: types[random(types.length)] };
      if (random(2) === 0) node.text = '<script>x</script>';
      if (random(3) === 0) node.attrs = { level: random(7), start: random(5), href: 'javascript:x', html: '<img onerror=x>' };
      if (random(3) === 0) node.marks = [{ type: types[random(types.length)], attrs: { href: 'javascript:x' } }, { type: 'bold' }];
      if (depth < 6) node.content = Array.from({ length: random(4) }, () => junk(depth + 1));
      return node;
    };
    for (let round = 0; round < 200; round += 1) {
      const html = renderBodyHtml(junk(0));
      expect(html).not.toMatch(/<(script|img|iframe)|javascript:|onerror/i);
    }
  });
});
