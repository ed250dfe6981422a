import { describe, expect, it } from 'vitest';
import { csvCell, toCsv } from './csv';

describe('CSV for spreadsheet apps', () => {
  it.each([
    ['=HYPERLINK("http://evil","x")', `"'=HYPERLINK(""http://evil"",""x"")"`],
    ['+1+1', `"'+1+1"`],
    ['-2+3', `"'-2+3"`],
    ['@SUM(A1)', `"'@SUM(A1)"`],
    ['\t=1', `"'\t=1"`],
    ['\r=1', `"'\r=1"`],
    ['普通标题, 含逗号', '"普通标题, 含逗号"'],
    ['a "quoted" word\nnext line', '"a ""quoted"" word\nnext line"'],
    ['', '""'],
  ])('%j → %s', (value, expected) => {
    expect(csvCell(value)).toBe(expected);
  });

  it('keeps numbers and empty values plain, starts with a BOM and ends rows with CRLF', () => {
    expect(
      toCsv([
        ['a', 1, null],
        ['=b', -2, true],
      ]),
    ).toBe(`\uFEFF"a","1",""\r\n"'=b","'-2","true"\r\n`);
  });
});
