import { bodyLimitProblem } from '@/lib/content/body-limits';
import { buildBody, type TextTransform } from './build-body';
import { ImportParseError } from './errors';
import { normalizeChinesePunctuation } from './normalize-punctuation';
import { normalizeLines } from './normalize-lines';
import { parseRecommendations, pickContentDate, type NumberedLine, type ParsedItem } from './parse-recommendations';
import { findFirstParagraph, inlineText, type PmDoc } from './pm-doc';
import { cutSummary, isLongerThan, tidyPlainText } from './tidy-text';

export type { ParsedItem } from './parse-recommendations';
export type * from './pm-doc';

export type ParsedPage = {
  title: string;
  /** Text of the first body paragraph, cut to about 120 characters. */
  summary: string;
  body: PmDoc;
  /** The `提示:` line exactly as scraped ('' when absent). */
  disclaimer: string;
  /** The 相关推荐 list in source order ([] when the section is absent). */
  items: ParsedItem[];
  /** 'YYYY-MM-DD' shared by the items; null when there are none. */
  contentDate: string | null;
  /** Things an editor should know although the page imported (Simplified Chinese). */
  warnings: string[];
};

export type ParsePageOptions = {
  /** Restore full-width ，：；（）？ in Chinese text (default true). */
  normalizePunctuation?: boolean;
};

export const MAX_TITLE_LENGTH = 200;
/** Matches MAX_PAGE_BYTES for the decoder: a real page is ~5,000 characters. */
export const MAX_PAGE_CHARS = 1024 * 1024;

const LIST_HEADER = /^相关推荐[:：]?$/u;
const DISCLAIMER = /^提示[:：]/u;

/**
 * Parses one scraped page (see "The import format" in DESIGN.md). Pure: no I/O, so it
 * runs in bulk and in tests; feed it decodePageBytes(...).text.
 */
export function parsePage(text: string, options: ParsePageOptions = {}): ParsedPage {
  if (text.length > MAX_PAGE_CHARS) {
    throw new ImportParseError('TOO_LARGE', '文件过大，单个页面不能超过 1 MB，请确认上传的是单个抓取页面。');
  }
  const transform: TextTransform = options.normalizePunctuation === false ? (value) => value : normalizeChinesePunctuation;
  const lines: NumberedLine[] = normalizeLines(text)
    .split('\n')
    .map((line, index) => ({ text: line, line: index + 1 }));

  const titleIndex = lines.findIndex((line) => line.text.trim() !== '');
  if (titleIndex === -1) throw new ImportParseError('EMPTY', '文件为空，请检查抓取结果后重新导入。');
  const title = readTitle(lines[titleIndex], transform);

  const rest = lines.slice(titleIndex + 1);
  const headerIndex = rest.findIndex((line) => LIST_HEADER.test(line.text.trim()));
  const bodyAndDisclaimer = headerIndex === -1 ? rest : rest.slice(0, headerIndex);
  const { bodyLines, disclaimer: disclaimerLine } = splitDisclaimer(bodyAndDisclaimer);
  // Every text field follows the same punctuation rule as the body.
  const disclaimer = disclaimerLine && tidyPlainText(transform(disclaimerLine));

  const body = buildBody(
    bodyLines.map((line) => line.text),
    transform,
  );
  if (body.content.length === 0) {
    throw new ImportParseError('NO_BODY', '页面没有正文：标题之后、“提示”或“相关推荐”之前没有内容，请检查文件是否完整。', { line: lines[titleIndex].line + 1 });
  }
  // The limits every save of a body is held to (lib/content/body-limits.ts): a longer page would
  // import, then open cut short in the editor and fail its first save.
  const bodyProblem = bodyLimitProblem(body);
  if (bodyProblem) throw new ImportParseError('BODY_TOO_LARGE', `${bodyProblem}，请把这个页面拆分成几篇后再导入。`);

  const recommendations =
    headerIndex === -1 ? { items: [], warnings: [] } : parseRecommendations(rest.slice(headerIndex + 1), transform, rest[headerIndex].line);
  const contentDate = pickContentDate(recommendations.items);
  const firstParagraph = findFirstParagraph(body.content);

  return {
    title,
    summary: cutSummary(tidyPlainText(inlineText(firstParagraph?.content))),
    body,
    disclaimer,
    items: recommendations.items,
    contentDate: contentDate.date,
    warnings: contentDate.warning ? [...recommendations.warnings, contentDate.warning] : recommendations.warnings,
  };
}

function readTitle(line: NumberedLine, transform: TextTransform): string {
  const raw = line.text.trim();
  // The first line being a section marker means the title line is missing, not that the
  // page is titled "相关推荐".
  if (LIST_HEADER.test(raw) || DISCLAIMER.test(raw)) {
    throw new ImportParseError('NO_TITLE', `第 ${line.line} 行应为页面标题，但读到的是“${raw}”，请在文件第一行补上标题。`, {
      line: line.line,
    });
  }
  if (isLongerThan(raw, MAX_TITLE_LENGTH)) {
    throw new ImportParseError(
      'TITLE_TOO_LONG',
      `标题有 ${Array.from(raw).length} 个字，超过 ${MAX_TITLE_LENGTH} 字上限。请检查第一行是否只包含标题、标题后是否空了一行。`,
      { line: line.line },
    );
  }
  return tidyPlainText(transform(raw));
}

// The disclaimer closes the body: it is the last non-blank line before the list. A 提示
// line anywhere else is ordinary body text and stays where it is.
function splitDisclaimer(lines: NumberedLine[]): { bodyLines: NumberedLine[]; disclaimer: string } {
  const lastIndex = lines.findLastIndex((line) => line.text.trim() !== '');
  const candidate = lastIndex === -1 ? '' : lines[lastIndex].text.trim();
  if (!DISCLAIMER.test(candidate)) return { bodyLines: lines, disclaimer: '' };
  return { bodyLines: lines.slice(0, lastIndex), disclaimer: candidate };
}
