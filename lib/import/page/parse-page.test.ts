import { describe, expect, it } from 'vitest';

import { ImportParseError } from './errors';
import { assertValidForEditor, outline, readSeed, readSeeds } from '@/tests/fixtures/import/pm-outline';
import { MAX_TITLE_LENGTH, parsePage, type ParsedPage } from './parse-page';

const DISCLAIMER = '提示:本内容不能代替面诊,如有不适请尽快就医。';
/** The same line with punctuation normalisation on (the default). */
const NORMALIZED_DISCLAIMER = '提示：本内容不能代替面诊，如有不适请尽快就医。';

const SEED_FACTS: Record<string, { title: string; contentDate: string; firstItem: string; lastItem: string }> = {
  '000': {
    title: '居民医保只能一年一交吗',
    contentDate: '2025-04-17',
    firstItem: '2025年河南漯河治疗反复低烧的权威医院',
    lastItem: '北京第三代社保卡能当医保卡用吗',
  },
  '001': {
    title: '居民医保不能断吗',
    contentDate: '2025-04-16',
    firstItem: '2025年内蒙古乌兰察布治疗呼吸有哮鸣音的权威医院',
    lastItem: '2025年内蒙古兴安盟治疗下肢水肿的权威医院',
  },
  '002': {
    title: '如何在居住地购买城乡居民医疗保险',
    contentDate: '2025-03-22',
    firstItem: '2025年浙江丽水治疗手脚冰凉的医院有哪些',
    lastItem: '农村房屋出租合同免费版',
  },
  '003': {
    title: '停了居民医保当月就不能用了吗',
    contentDate: '2025-04-13',
    firstItem: '智齿拔牙医保能报销吗',
    lastItem: '贵阳医保电话24小时咨询热线',
  },
  '004': {
    title: '医保380元一次没用了',
    contentDate: '2025-04-23',
    firstItem: '2025年吉林延边治疗腰痛伴下肢无力什么医院好',
    lastItem: '平安佛医保死亡有赔偿吗',
  },
};

function expectImportError(run: () => unknown, code: string): ImportParseError {
  try {
    run();
  } catch (error) {
    expect(error).toBeInstanceOf(ImportParseError);
    const importError = error as ImportParseError;
    expect(importError.code).toBe(code);
    expect(importError.message).toMatch(/[\u4e00-\u9fff]/u);
    return importError;
  }
  throw new Error(`expected ImportParseError ${code}`);
}

/** A small page in the scraped format, with the parts tests want to vary. */
function page(parts: { title?: string; body?: string; disclaimer?: string | null; items?: string | null }): string {
  const items =
    parts.items === undefined
      ? '相关推荐\n\n第一条推荐\n\n第一条摘要。\n\n健康新闻 2025-04-17\n\n第二条推荐\n\n第二条摘要。\n\n健康新闻 2025-04-17'
      : parts.items;
  return [parts.title ?? '测试标题', '', parts.body ?? '正文第一段。', '', parts.disclaimer === undefined ? DISCLAIMER : parts.disclaimer, items]
    .filter((part): part is string => part !== null)
    .join('\n');
}

describe('parsePage on the real seeds', () => {
  it.each(readSeeds())('parses $name', ({ name, text }) => {
    const facts = SEED_FACTS[name.slice(0, 3)];
    const parsed = parsePage(text);

    expect(parsed.title).toBe(facts.title);
    expect(parsed.disclaimer).toBe(NORMALIZED_DISCLAIMER);
    expect(parsed.items).toHaveLength(20);
    expect(parsed.contentDate).toBe(facts.contentDate);
    expect(parsed.items[0].title).toBe(facts.firstItem);
    expect(parsed.items[19].title).toBe(facts.lastItem);
    for (const item of parsed.items) {
      expect(item.category).toBe('健康新闻');
      expect(item.date).toBe(facts.contentDate);
      expect(item.summary.length).toBeGreaterThan(50);
    }
    expect(parsed.summary.length).toBeGreaterThan(10);
    expect(Array.from(parsed.summary).length).toBeLessThanOrEqual(120);
    expect(parsed.warnings).toEqual([]);
    assertValidForEditor(parsed.body);

    // Nothing of the trailing sections leaks into the body.
    const bodyJson = JSON.stringify(parsed.body);
    expect(bodyJson).not.toContain('提示');
    expect(bodyJson).not.toContain('相关推荐');
    expect(bodyJson).not.toContain('健康新闻');
  });

  it('000: numbered items own the indented paragraph and bullets after them (blank-line separated)', () => {
    const parsed = parsePage(readSeed('000'));
    expect(outline(parsed.body)).toEqual([
      'P 居民医保的缴费和保障周期',
      'OL(1)',
      '  LI',
      '    P 缴费周期',
      '    P 居民医保通常采用**年缴制**，',
      '  LI',
      '    P 连续缴费与待遇保障',
      '    UL',
      '      LI',
      '        P 若连续缴费满1年，次年可',
      '      LI',
      '        P 若中断缴费，次年将无法享',
      '  LI',
      '    P 与职工医保的差异',
      '    UL',
      '      LI',
      '        P 职工医保是**按月缴费**，持续',
      '      LI',
      '        P 居民医保无累计缴费年限要',
      '  LI',
      '    P 特殊情况处理',
      '    UL',
      '      LI',
      '        P 若错过缴费期限，需等待下',
      'P 居民医保的缴费周期为**一年**',
    ]);
    expect(parsed.summary).toBe('居民医保的缴费和保障周期具有以下特点：');
  });

  it('000: bold padding becomes a bold mark and the padding spaces are dropped', () => {
    const { body } = parsePage(readSeed('000'));
    const list = body.content[1];
    if (list.type !== 'orderedList') throw new Error('expected an ordered list');
    expect(list.content[0].content[1]).toEqual({
      type: 'paragraph',
      content: [
        { type: 'text', text: '居民医保通常采用' },
        { type: 'text', text: '年缴制', marks: [{ type: 'bold' }] },
        {
          type: 'text',
          text: '，即每年需缴纳一次费用，提供一年的医疗保障。例如，某地2020年缴费标准为250元，2021年可能上涨至280元。',
        },
      ],
    });
  });

  it('001: bullets at the numbered item indent, without blank lines between them, nest in that item', () => {
    const parsed = parsePage(readSeed('001'));
    expect(outline(parsed.body, 8)).toEqual([
      'P 居民医保不建议断',
      'OL(1)',
      '  LI',
      '    P 医保待遇即时中断',
      '    P 断缴次月起无法享',
      '  LI',
      '    P 连续参保激励清零',
      '    P 连续缴费满4年后',
      '  LI',
      '    P 补救措施与建议',
      '    UL',
      '      LI',
      '        P 及时补缴：若错过',
      '      LI',
      '        P 灵活衔接：职工转',
      '      LI',
      '        P 长期规划：优先确',
      'P 总结：居民医保的',
    ]);
    // The first paragraph is longer than 120 characters: cut after a full sentence.
    expect(parsed.summary).toBe(
      '居民医保不建议断缴，否则将面临医保待遇中断、等待期延长、报销额度降低等多重风险。根据2025年最新政策，断缴后重新参保需等待3个月以上才能恢复报销资格，且连续缴费年限清零，直接影响大病保险最高支付限额的提升。',
    );
  });

  it('002: section heads become headings, bullets under numbered items under section heads nest', () => {
    const parsed = parsePage(readSeed('002'));
    const lines = outline(parsed.body, 8);
    expect(outline(parsed.body, 20).filter((line) => line.startsWith('H2'))).toEqual([
      'H2 一、参保流程概述',
      'H2 二、参保登记方式',
      'H2 三、所需材料',
      'H2 四、缴费方式及标准',
      'H2 五、注意事项',
      'H2 六、常见问题',
    ]);
    expect(lines.slice(0, 23)).toEqual([
      'P 在居住地购买城乡',
      'H2 一、参保流程概述',
      'P 城乡居民医疗保险',
      'OL(1)',
      '  LI',
      '    P 参保登记：通过线',
      '  LI',
      '    P 材料准备：根据个',
      '  LI',
      '    P 缴费：通过多种方',
      '  LI',
      '    P 领取医保凭证：缴',
      'H2 二、参保登记方式',
      'P 城乡居民可以通过',
      'OL(1)',
      '  LI',
      '    P 线上登记',
      '    UL',
      '      LI',
      '        P 使用“国家医保服',
      '      LI',
      '        P 关注地方医保微信',
      '      LI',
    ]);
    expect(lines.at(-1)).toBe('P 通过以上步骤，您');
    // Top level: intro paragraph, 6 × heading, lists in between, closing paragraph.
    expect(parsed.body.content.map((block) => block.type)).toEqual([
      'paragraph',
      'heading',
      'paragraph',
      'orderedList',
      'heading',
      'paragraph',
      'orderedList',
      'heading',
      'paragraph',
      'orderedList',
      'heading',
      'orderedList',
      'heading',
      'orderedList',
      'heading',
      'orderedList',
      'paragraph',
    ]);
  });

  it('003: top-level bullets (no numbered parent) own their indented paragraphs; leading bold labels', () => {
    const lines = outline(parsePage(readSeed('003')).body, 10);
    const start = lines.indexOf('H2 二、特殊情况说明');
    expect(lines.slice(start, start + 9)).toEqual([
      'H2 二、特殊情况说明',
      'UL',
      '  LI',
      '    P 当月停缴当月可用',
      '    P 多数地区规定，医保停',
      '  LI',
      '    P 地区差异',
      '    P 部分地区可能对“当月',
      'H2 三、建议',
    ]);
    expect(lines).toContain('        P **连续中断不超过3个月**');
  });

  it('004: bold labels at the start of numbered and bulleted items', () => {
    const { body } = parsePage(readSeed('004'));
    const lines = outline(body, 10);
    expect(lines).toContain('    P **个人账户支付限额**：每');
    expect(lines).toContain('    P **合理规划就医**：建议通');
    const last = body.content.at(-2);
    if (last?.type !== 'orderedList') throw new Error('expected an ordered list');
    expect(last.content[0].content[0]).toEqual({
      type: 'paragraph',
      content: [
        { type: 'text', text: '合理规划就医', marks: [{ type: 'bold' }] },
        { type: 'text', text: '：建议通过医保定点医疗机构就医，以降低自费比例；' },
      ],
    });
  });

  it('gives the same result for the seeds with punctuation normalisation off, except punctuation', () => {
    const parsed = parsePage(readSeed('001'), { normalizePunctuation: false });
    expect(parsed.summary.startsWith('居民医保不建议断缴,否则')).toBe(true);
    expect(parsed.items[0].summary).toContain('(特色蒙医呼吸疗法)是当地最权威的选择,尤其');
    expect(parsed.disclaimer).toBe(DISCLAIMER);
  });
});

describe('parsePage optional sections', () => {
  it('accepts a page without disclaimer', () => {
    const parsed = parsePage(page({ disclaimer: null }));
    expect(parsed.disclaimer).toBe('');
    expect(parsed.items).toHaveLength(2);
    expect(outline(parsed.body)).toEqual(['P 正文第一段。']);
  });

  it('accepts a page without 相关推荐', () => {
    const parsed = parsePage(page({ items: null }));
    expect(parsed.items).toEqual([]);
    expect(parsed.contentDate).toBeNull();
    expect(parsed.disclaimer).toBe(NORMALIZED_DISCLAIMER);
  });

  it('accepts a page with neither', () => {
    const parsed = parsePage('只有标题和正文\n\n正文。');
    expect(parsed).toMatchObject({ title: '只有标题和正文', disclaimer: '', items: [], contentDate: null });
    expect(parsed.summary).toBe('正文。');
  });

  it('reads a full-width disclaimer colon and normalises the rest of the line like the body', () => {
    const parsed = parsePage(page({ disclaimer: '提示：本内容仅供参考,不能代替面诊。' }));
    expect(parsed.disclaimer).toBe('提示：本内容仅供参考，不能代替面诊。');
    expect(parsePage(page({ disclaimer: '提示：本内容仅供参考,不能代替面诊。' }), { normalizePunctuation: false }).disclaimer).toBe(
      '提示：本内容仅供参考,不能代替面诊。',
    );
  });

  it('keeps a 提示 line that is not the last line before the list in the body', () => {
    const parsed = parsePage(page({ body: '提示:先看这里。\n\n正文。', disclaimer: null }));
    expect(parsed.disclaimer).toBe('');
    expect(outline(parsed.body)).toEqual(['P 提示：先看这里。', 'P 正文。']);
  });

  it('tolerates leading blank lines and a missing blank line after the title', () => {
    const parsed = parsePage('\n\n  标题 \n正文。\n');
    expect(parsed.title).toBe('标题');
    expect(outline(parsed.body)).toEqual(['P 正文。']);
  });
});

describe('parsePage recommendation list', () => {
  const seed = readSeed('000');

  it('keeps the complete items of a list cut off mid-summary, with a warning', () => {
    const cut = seed.slice(0, seed.lastIndexOf('健康新闻') - 40);
    const parsed = parsePage(cut);
    expect(parsed.items).toHaveLength(19);
    expect(parsed.contentDate).toBe('2025-04-17');
    expect(parsed.warnings).toHaveLength(1);
    expect(parsed.warnings[0]).toContain('不完整');
  });

  it('drops a last item whose date line is cut off', () => {
    const cut = seed.slice(0, seed.length - 2); // "健康新闻 2025-04-"
    const parsed = parsePage(cut);
    expect(parsed.items).toHaveLength(19);
    expect(parsed.items.at(-1)?.title).toBe('380的医保叫什么保险');
  });

  it('rejects a list with no complete item left', () => {
    const header = seed.indexOf('相关推荐');
    const afterFirstTitle = seed.indexOf('\n', header + '相关推荐\n\n'.length);
    expectImportError(() => parsePage(seed.slice(0, afterFirstTitle)), 'BAD_ITEM');
    const error = expectImportError(() => parsePage(seed.slice(0, header + '相关推荐'.length)), 'BAD_ITEM');
    expect(error.line).toBe(seed.slice(0, header).split('\n').length);
  });

  it('rejects a date line that has no title before it', () => {
    const broken = page({ items: '相关推荐\n\n标题\n\n摘要\n\n健康新闻 2025-04-17\n\n健康新闻 2025-04-17' });
    const error = expectImportError(() => parsePage(broken), 'BAD_ITEM');
    expect(error.message).toContain('第 2 条');
  });

  it('rejects an item title over 200 characters', () => {
    const broken = page({ items: `相关推荐\n\n${'长'.repeat(201)}\n\n摘要\n\n健康新闻 2025-04-17` });
    expectImportError(() => parsePage(broken), 'BAD_ITEM');
  });

  it('reads items without summary, without category, and wrapped summaries', () => {
    const parsed = parsePage(
      page({
        items: [
          '相关推荐',
          '',
          '只有标题',
          '',
          '健康新闻 2025-04-17',
          '',
          '没有分类',
          '',
          '摘要',
          '',
          '2025-04-17',
          '',
          '两行摘要',
          '',
          '第一行',
          '第二行',
          '',
          '医保政策 2025/4/17',
        ].join('\n'),
      }),
    );
    expect(parsed.items).toEqual([
      { title: '只有标题', summary: '', category: '健康新闻', date: '2025-04-17' },
      { title: '没有分类', summary: '摘要', category: '', date: '2025-04-17' },
      { title: '两行摘要', summary: '第一行 第二行', category: '医保政策', date: '2025-04-17' },
    ]);
  });

  it('does not take a summary ending in a date for the item date line', () => {
    const parsed = parsePage(page({ items: '相关推荐\n\n标题\n\n新政策自即日起施行,有效期至 2025-12-31\n\n健康新闻 2025-04-17' }));
    expect(parsed.items).toEqual([{ title: '标题', summary: '新政策自即日起施行，有效期至 2025-12-31', category: '健康新闻', date: '2025-04-17' }]);
  });

  it('uses the majority date and warns when item dates disagree; invalid dates become null', () => {
    const parsed = parsePage(
      page({
        items: [
          '相关推荐',
          '甲\n摘要\n健康新闻 2025-04-16',
          '乙\n摘要\n健康新闻 2025-04-17',
          '丙\n摘要\n健康新闻 2025-04-17',
          '丁\n摘要\n健康新闻 2025-02-30',
        ].join('\n\n'),
      }),
    );
    expect(parsed.contentDate).toBe('2025-04-17');
    expect(parsed.items.map((item) => item.date)).toEqual(['2025-04-16', '2025-04-17', '2025-04-17', null]);
    expect(parsed.warnings).toHaveLength(2);
  });

  it('checks dates against the calendar, leap years included, and keeps them within 1990–2100', () => {
    const dates = ['2024-02-29', '2000-2-29', '2100-02-29', '2025-04-31', '2025-13-01', '2025-00-10', '1989-12-31', '2100-12-31', '2025年4月7日'];
    const parsed = parsePage(page({ items: ['相关推荐', ...dates.map((date, i) => `题${i}\n摘要\n健康新闻 ${date}`)].join('\n\n') }));
    expect(parsed.items.map((item) => item.date)).toEqual(['2024-02-29', '2000-02-29', null, null, null, null, null, '2100-12-31', '2025-04-07']);
  });

  it('normalises punctuation in item titles, summaries and categories but not dates', () => {
    const parsed = parsePage(page({ items: '相关推荐\n\n医保能报销吗?\n\n答案是肯定的,但需满足条件 :医保正常缴费。\n\n健康新闻 2025-04-17' }));
    expect(parsed.items[0]).toEqual({
      title: '医保能报销吗？',
      summary: '答案是肯定的，但需满足条件：医保正常缴费。',
      category: '健康新闻',
      date: '2025-04-17',
    });
  });
});

describe('parsePage errors', () => {
  it('rejects empty text', () => {
    expectImportError(() => parsePage(''), 'EMPTY');
    expectImportError(() => parsePage(' \n\n\t\n'), 'EMPTY');
  });

  it('rejects a page with a title but no body', () => {
    expectImportError(() => parsePage('只有标题'), 'NO_BODY');
    expectImportError(() => parsePage(page({ body: '' })), 'NO_BODY');
  });

  it('rejects a body past the limits every save holds it to, whole or in many short lines', () => {
    const long = expectImportError(() => parsePage(page({ body: '医保报销比例按地区执行。'.repeat(8_000) })), 'BODY_TOO_LARGE');
    expect(long.message).toMatch(/^正文过长（JSON 不能超过 200 KB）/);
    const lines = expectImportError(() => parsePage(page({ body: Array.from({ length: 10_001 }, (_, i) => `第${i}行`).join('\n') })), 'BODY_TOO_LARGE');
    expect(lines.message).toMatch(/^正文内容过多/);
    expect(parsePage(page({ body: '医保报销比例按地区执行。'.repeat(4_000) })).body.content).toHaveLength(1);
  });

  it('rejects a page whose first line is a section marker', () => {
    const error = expectImportError(() => parsePage('相关推荐\n\n标题\n\n摘要\n\n健康新闻 2025-04-17'), 'NO_TITLE');
    expect(error.line).toBe(1);
    expectImportError(() => parsePage(`\n${DISCLAIMER}\n`), 'NO_TITLE');
  });

  it('rejects a title longer than 200 characters, accepts exactly 200', () => {
    expect(parsePage(page({ title: '题'.repeat(MAX_TITLE_LENGTH) })).title).toHaveLength(200);
    expectImportError(() => parsePage(page({ title: '题'.repeat(MAX_TITLE_LENGTH + 1) })), 'TITLE_TOO_LONG');
  });

  it('rejects oversized text', () => {
    expectImportError(() => parsePage(`标题\n\n${'字'.repeat(1024 * 1024 + 1)}`), 'TOO_LARGE');
  });
});

describe('parsePage treats markup as data', () => {
  it('keeps a <script> title and body text as plain text', () => {
    const parsed = parsePage(page({ title: '<script>alert(1)</script>医保', body: '<b>不是粗体</b> & <img src=x onerror=alert(1)>' }));
    expect(parsed.title).toBe('<script>alert(1)</script>医保');
    expect(parsed.body.content).toEqual([{ type: 'paragraph', content: [{ type: 'text', text: '<b>不是粗体</b> & <img src=x onerror=alert(1)>' }] }]);
  });
});

describe('parsePage body structure', () => {
  function bodyOf(body: string): string[] {
    return outline(parsePage(`标题\n\n${body}`).body, 20);
  }

  it('starts an ordered list at the first number', () => {
    expect(bodyOf('  3. 第三\n  4. 第四')).toEqual(['OL(3)', '  LI', '    P 第三', '  LI', '    P 第四']);
  });

  it('reads 1、 and 1) markers, but not decimals or years', () => {
    expect(bodyOf('1、甲\n2)乙\n1.5倍报销\n2025年起施行')).toEqual(['OL(1)', '  LI', '    P 甲', '  LI', '    P 乙', 'P 1.5倍报销', 'P 2025年起施行']);
  });

  it('nests deeper numbered items inside a bullet and returns to the outer list', () => {
    expect(bodyOf('• 外层\n    1. 内层一\n    2. 内层二\n• 外层二')).toEqual([
      'UL',
      '  LI',
      '    P 外层',
      '    OL(1)',
      '      LI',
      '        P 内层一',
      '      LI',
      '        P 内层二',
      '  LI',
      '    P 外层二',
    ]);
  });

  it('ends bullets at a number on the same indent and a list at a column-0 paragraph', () => {
    expect(bodyOf('  • 甲\n  1. 乙\n  • 丙\n结尾')).toEqual([
      'UL',
      '  LI',
      '    P 甲',
      'OL(1)',
      '  LI',
      '    P 乙',
      '    UL',
      '      LI',
      '        P 丙',
      'P 结尾',
    ]);
  });

  it('treats tabs and ideographic spaces as indentation', () => {
    expect(bodyOf('\t1. 甲\n\t\t说明\n\u3000\u3000独立段落')).toEqual(['OL(1)', '  LI', '    P 甲', '    P 说明', 'P 独立段落']);
  });

  it('accepts other bullet glyphs and empty items', () => {
    expect(bodyOf('- 甲\n● 乙\n•')).toEqual(['UL', '  LI', '    P 甲', '  LI', '    P 乙', '  LI', '    P ']);
  });

  it('makes (一) a level-3 heading and keeps long 一、 lines as paragraphs', () => {
    const long = `一、${'很长的一段正文'.repeat(10)}`;
    expect(bodyOf(`一、概述\n（一）适用范围\n${long}`)).toEqual(['H2 一、概述', 'H3 （一）适用范围', `P ${Array.from(long).slice(0, 20).join('')}`]);
  });

  it('measures heading length in characters, not UTF-16 units', () => {
    const rare = '𠀀'.repeat(48); // 96 UTF-16 units, 48 characters
    expect(bodyOf(`一、${rare}`)).toEqual([`H2 ${Array.from(`一、${rare}`).slice(0, 20).join('')}`]);
    expect(bodyOf(`一、${rare}𠀀`)).toEqual([`P ${Array.from(`一、${rare}`).slice(0, 20).join('')}`]);
  });

  it('produces documents the editor schema accepts', () => {
    const parsed: ParsedPage = parsePage(`标题\n\n引言\n一、头\n  1. 甲\n    • 乙\n      1. 丙\n        说明\n  •\n\n（一）尾\n段落`);
    assertValidForEditor(parsed.body);
  });
});
