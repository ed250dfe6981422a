import { describe, expect, it } from 'vitest';

import { bodyPlainText } from './plain-text';
import { importerStyleDoc } from '@/tests/fixtures/content/documents';

describe('bodyPlainText', () => {
  it('puts every block on its own line', () => {
    expect(bodyPlainText(importerStyleDoc())).toBe(
      [
        '居民医保的缴费和保障周期具有以下特点:',
        '一、缴费周期',
        '缴费周期',
        '居民医保通常采用年缴制,即每年需缴纳一次费用。',
        '连续缴费与待遇保障',
        '若连续缴费满1年,次年可享受医保待遇。',
        '若中断缴费,需重新参保。',
      ].join('\n'),
    );
  });

  it('keeps hard breaks, skips empty blocks and rules, reads blockquotes', () => {
    const text = bodyPlainText({
      type: 'doc',
      content: [
        { type: 'paragraph', content: [{ type: 'text', text: '甲' }, { type: 'hardBreak' }, { type: 'text', text: '乙' }] },
        { type: 'paragraph' },
        { type: 'horizontalRule' },
        { type: 'blockquote', content: [{ type: 'paragraph', content: [{ type: 'text', text: '丙' }] }] },
      ],
    });
    expect(text).toBe('甲\n乙\n丙');
  });

  it('returns raw text, not HTML, and tolerates junk', () => {
    expect(bodyPlainText({ type: 'doc', content: [{ type: 'paragraph', content: [{ type: 'text', text: '<b>医保</b> & 报销' }] }] })).toBe(
      '<b>医保</b> & 报销',
    );
    expect(bodyPlainText({ type: 'doc', content: [{ type: 'htmlBlock', attrs: { html: '<p>x</p>' } }] })).toBe('');
    expect(bodyPlainText(undefined)).toBe('');
    expect(bodyPlainText('text')).toBe('');
  });
});
