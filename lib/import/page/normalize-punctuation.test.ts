import { describe, expect, it } from 'vitest';

import { isChinese, isChineseCodePoint, normalizeChinesePunctuation } from './normalize-punctuation';

describe('normalizeChinesePunctuation', () => {
  it.each([
    ['医保,社保', '医保，社保'],
    ['具有以下特点:', '具有以下特点：'],
    ['次年报销;', '次年报销；'],
    ['医保能报销吗?', '医保能报销吗？'],
    ['银行柜台(如农业银行、邮储银行等)或', '银行柜台（如农业银行、邮储银行等）或'],
    ['渠道(如支付宝“市民中心”)办理', '渠道（如支付宝“市民中心”）办理'],
    ['政策(2025)规定', '政策（2025）规定'],
    ['下载App(安卓版)即可', '下载App（安卓版）即可'],
    // Separators next to converted parentheses see Chinese context.
    ['户口簿(复印所有成员资料),16周岁以下', '户口簿（复印所有成员资料），16周岁以下'],
    // Bold padding spaces are looked through but kept (the parser drops them).
    ['采用 年缴制 ,即每年', '采用 年缴制 ，即每年'],
    ['连续中断不超过3个月 :可恢复', '连续中断不超过3个月 ：可恢复'],
    // A digit on one side and Chinese on the other is still Chinese text.
    ['2025年,政策', '2025年，政策'],
    ['比例为50%,剩余部分', '比例为50%，剩余部分'],
    ['截止时间为10:30,逾期', '截止时间为10:30，逾期'],
    ['咨询电话:0851-12393', '咨询电话：0851-12393'],
    ['标准为380元,财政补助640元', '标准为380元，财政补助640元'],
    ['罕见字𠀀,测试', '罕见字𠀀，测试'],
    ['访问https://www.nhsa.gov.cn/a?b=1,了解更多', '访问https://www.nhsa.gov.cn/a?b=1，了解更多'],
    ['(一)总则', '（一）总则'],
    ['未闭合(说明', '未闭合（说明'],
  ])('converts %s', (input, expected) => {
    expect(normalizeChinesePunctuation(input)).toBe(expected);
  });

  it.each([
    ['times', '上午9:30至下午17:00'],
    ['thousands separators', '共1,000元'],
    ['ratios', '比例3:2'],
    ['phone numbers', '0851-12393'],
    ['percentages', '50%'],
    ['decimals', '3.5倍'],
    ['URLs', 'https://example.com/path?a=1,2;b=(3):4'],
    ['www URLs', 'www.gov.cn/x?q=1'],
    ['Latin text', 'Hello, world: yes; (ok)? f(x)'],
    ['Latin text with spaces', 'Hello , world'],
    ['a code', 'ID:ABC-123'],
    ['markup', '<script>alert(1)</script>'],
    ['dates', '2025-04-17'],
    ['already full-width text', '医保，社保：（好）？'],
  ])('leaves %s alone', (_, input) => {
    expect(normalizeChinesePunctuation(input)).toBe(input);
  });

  it('keeps URL parentheses that belong to the URL', () => {
    expect(normalizeChinesePunctuation('见https://zh.wikipedia.org/wiki/A_(B)。')).toBe('见https://zh.wikipedia.org/wiki/A_(B)。');
  });

  it('handles multi-line text and is idempotent', () => {
    const input = '第一行:说明\n第二行(备注)?\n10:30';
    const once = normalizeChinesePunctuation(input);
    expect(once).toBe('第一行：说明\n第二行（备注）？\n10:30');
    expect(normalizeChinesePunctuation(once)).toBe(once);
  });
});

describe('normalizeChinesePunctuation edge cases', () => {
  it('masks every URL of a text, and converts the marks between them', () => {
    expect(normalizeChinesePunctuation('见www.a.cn/x?a=1,b=2,或http://b.cn/(c),再看www.d.cn:8080;完(注)')).toBe(
      '见www.a.cn/x?a=1,b=2，或http://b.cn/(c)，再看www.d.cn:8080；完（注）',
    );
  });

  it('reads rare Han characters (surrogate pairs) on either side', () => {
    expect(normalizeChinesePunctuation('a,𠀀')).toBe('a，𠀀');
    expect(normalizeChinesePunctuation('𠀀 ,a')).toBe('𠀀 ，a');
    expect(normalizeChinesePunctuation('a(𠀀)b')).toBe('a（𠀀）b');
    // A non-Han astral character is not Chinese.
    expect(normalizeChinesePunctuation('a,😀')).toBe('a,😀');
  });

  it('keeps the long-standing reading of a lone low surrogate: the character before it counts', () => {
    expect(normalizeChinesePunctuation('医\udc00,a')).toBe('医\udc00，a');
    expect(normalizeChinesePunctuation('a\udc00,a')).toBe('a\udc00,a');
    expect(normalizeChinesePunctuation('\udc00,a')).toBe('\udc00,a');
    expect(normalizeChinesePunctuation('a,\ud800医')).toBe('a,\ud800医');
  });

  it('decides unmatched and nested parentheses', () => {
    expect(normalizeChinesePunctuation('说明)完')).toBe('说明）完');
    expect(normalizeChinesePunctuation('x)y')).toBe('x)y');
    expect(normalizeChinesePunctuation('((a)医')).toBe('(（a）医');
    expect(normalizeChinesePunctuation('f(g(x),医)')).toBe('f（g(x)，医）');
    expect(normalizeChinesePunctuation('a(b)) ,医')).toBe('a(b)) ，医');
  });

  it('lets a separator see a converted parenthesis through spaces, but not an unconverted one', () => {
    expect(normalizeChinesePunctuation('(说明)  ,a')).toBe('（说明）  ，a');
    expect(normalizeChinesePunctuation('(note) ,a')).toBe('(note) ,a');
  });

  it('reads characters as isChinese does, for every code point', () => {
    for (let code = 0; code <= 0x10ffff; code += 1) {
      if (isChineseCodePoint(code) !== isChinese(String.fromCodePoint(code))) {
        throw new Error(`U+${code.toString(16)}: isChineseCodePoint disagrees with isChinese`);
      }
    }
  });
});
