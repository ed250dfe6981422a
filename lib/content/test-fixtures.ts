// Shared test documents. Not a test file itself (vitest only runs *.test.ts).
import type { BodyDoc } from './body-types';

/** The shape the importer produces from a scraped page (see shared/seeds). */
export function importerStyleDoc(): BodyDoc {
  return {
    type: 'doc',
    content: [
      { type: 'paragraph', content: [{ type: 'text', text: '居民医保的缴费和保障周期具有以下特点:' }] },
      { type: 'heading', attrs: { level: 2 }, content: [{ type: 'text', text: '一、缴费周期' }] },
      {
        type: 'orderedList',
        attrs: { start: 1 },
        content: [
          {
            type: 'listItem',
            content: [
              { type: 'paragraph', content: [{ type: 'text', text: '缴费周期' }] },
              {
                type: 'paragraph',
                content: [
                  { type: 'text', text: '居民医保通常采用' },
                  { type: 'text', text: '年缴制', marks: [{ type: 'bold' }] },
                  { type: 'text', text: ',即每年需缴纳一次费用。' },
                ],
              },
            ],
          },
          {
            type: 'listItem',
            content: [
              { type: 'paragraph', content: [{ type: 'text', text: '连续缴费与待遇保障' }] },
              {
                type: 'bulletList',
                content: [
                  {
                    type: 'listItem',
                    content: [{ type: 'paragraph', content: [{ type: 'text', text: '若连续缴费满1年,次年可享受医保待遇。' }] }],
                  },
                  {
                    type: 'listItem',
                    content: [{ type: 'paragraph', content: [{ type: 'text', text: '若中断缴费,需重新参保。' }] }],
                  },
                ],
              },
            ],
          },
        ],
      },
    ],
  };
}

export function paragraphWith(...content: unknown[]): unknown {
  return { type: 'doc', content: [{ type: 'paragraph', content }] };
}

export function linkedText(href: unknown, text = '点击这里'): unknown {
  return { type: 'text', text, marks: [{ type: 'link', attrs: { href } }] };
}
