import { ImportParseError } from './errors';
import type { TextTransform } from './build-body';
import { isLongerThan, tidyPlainText } from './tidy-text';

export type ParsedItem = { title: string; summary: string; category: string; date: string | null };

export type NumberedLine = { text: string; line: number };

export type ParsedRecommendations = { items: ParsedItem[]; warnings: string[] };

export const MAX_ITEM_TITLE_LENGTH = 200;

/**
 * Every item ends with a "<category> <date>" line (`健康新闻 2025-04-17`), preceded by
 * its title line and its one-line summary, with blank lines between. Items are cut at
 * those date lines rather than by counting lines, so a missing summary or a wrapped
 * summary does not shift every following item.
 *
 * Truncation (decided here): scraped files are sometimes cut off mid-list. Lines after
 * the last date line form an incomplete item; it is dropped with a warning and the
 * complete items are kept. If the section header is present but not one complete item
 * remains, the file is rejected (BAD_ITEM): an article silently imported without its
 * list would look fine and never get fixed.
 */
export function parseRecommendations(lines: NumberedLine[], transform: TextTransform, headerLine: number): ParsedRecommendations {
  const items: ParsedItem[] = [];
  const warnings: string[] = [];
  let pending: NumberedLine[] = [];

  for (const line of lines) {
    const text = line.text.trim();
    if (text === '') continue;
    const meta = parseMetaLine(text);
    if (!meta) {
      pending.push({ text, line: line.line });
      continue;
    }
    const itemNumber = items.length + 1;
    const [titleLine, ...summaryLines] = pending;
    if (!titleLine) {
      throw new ImportParseError('BAD_ITEM', `相关推荐第 ${itemNumber} 条（第 ${line.line} 行）只有分类和日期，缺少标题和摘要，请补全或删除该条后重新导入。`, {
        line: line.line,
      });
    }
    if (isLongerThan(titleLine.text, MAX_ITEM_TITLE_LENGTH)) {
      throw new ImportParseError(
        'BAD_ITEM',
        `相关推荐第 ${itemNumber} 条（第 ${titleLine.line} 行）的标题超过 ${MAX_ITEM_TITLE_LENGTH} 字，可能是格式错乱，请检查该条的标题、摘要和日期是否各占一行。`,
        { line: titleLine.line },
      );
    }
    if (meta.date === null) {
      warnings.push(`相关推荐第 ${itemNumber} 条的日期“${meta.rawDate}”无效，已留空。`);
    }
    items.push({
      title: tidyPlainText(transform(titleLine.text)),
      summary: tidyPlainText(transform(summaryLines.map((summary) => summary.text).join(' '))),
      category: tidyPlainText(transform(meta.category)),
      date: meta.date,
    });
    pending = [];
  }

  if (items.length === 0) throw noCompleteItemError(pending[0]?.line ?? headerLine);
  if (pending.length > 0) {
    warnings.push(`相关推荐最后一条（第 ${pending[0].line} 行起）不完整，文件可能被截断，已忽略该条，保留前 ${items.length} 条。`);
  }
  return { items, warnings };
}

function noCompleteItemError(line: number): ImportParseError {
  return new ImportParseError(
    'BAD_ITEM',
    '“相关推荐”下没有一条完整的推荐（每条应有标题、摘要和“分类 日期”一行），文件可能被截断。请补全推荐列表，或删除“相关推荐”整节后重新导入。',
    { line },
  );
}

/** The date most items carry; a page has one date, so disagreement is reported. */
export function pickContentDate(items: ParsedItem[]): { date: string | null; warning?: string } {
  const counts = new Map<string, number>();
  for (const item of items) {
    if (item.date) counts.set(item.date, (counts.get(item.date) ?? 0) + 1);
  }
  if (counts.size === 0) return { date: null };
  // Map keeps insertion order, so ties go to the date seen first.
  const [date] = [...counts.entries()].reduce((best, entry) => (entry[1] > best[1] ? entry : best));
  if (counts.size === 1) return { date };
  return {
    date,
    warning: `相关推荐的日期不一致（${[...counts.keys()].join('、')}），已采用出现最多的 ${date} 作为内容日期。`,
  };
}

type MetaLine = { category: string; date: string | null; rawDate: string };

// "<category> <date>"; the category is a short label (no sentence punctuation) so that a
// summary which happens to end in a date is not taken for the item's last line.
const META_LINE = /^(?:([^\s,，。.:：;；!！?？]{1,20})\s+)?(\d{4})[-/.年](\d{1,2})[-/.月](\d{1,2})日?$/u;

// Every meta line ends in the day (or 日); checking the last character first spares the full
// match on the title and summary lines, which are two of every item's three.
const META_LINE_END = /[0-9日]$/;

function parseMetaLine(text: string): MetaLine | null {
  if (!META_LINE_END.test(text)) return null;
  const match = META_LINE.exec(text);
  if (!match) return null;
  const [, category = '', year, month, day] = match;
  const rawDate = text.slice(category.length).trim();
  return { category, date: toIsoDate(Number(year), Number(month), Number(day)), rawDate };
}

// A calendar check by arithmetic (leap years included) rather than a Date object per item.
function toIsoDate(year: number, month: number, day: number): string | null {
  if (year < 1990 || year > 2100 || month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month)) return null;
  return `${year}-${pad(month)}-${pad(day)}`;
}

const DAYS_IN_MONTH = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

function daysInMonth(year: number, month: number): number {
  const leap = (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
  return month === 2 && leap ? 29 : DAYS_IN_MONTH[month - 1];
}

function pad(value: number): string {
  return String(value).padStart(2, '0');
}
