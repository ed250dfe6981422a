import { setImmediate } from 'node:timers/promises';
import { bodyDocSchema } from '@/lib/content/body-schema';
import { articleRecordSchema, recordContentHash, recordIdentity, type ArticleRecord } from '@/lib/export/article-record';
import { detectRegions, type DetectedRegion } from '@/lib/regions/detect-regions';
import { getRegion } from '@/lib/regions/region-path';
import { readPageFile } from './collect-paths';
import { decodePageBytes } from './page/decode-page';
import { isImportParseError } from './page/errors';
import { readArchivePage, readRecordLine, type ImportUnit } from './expand-inputs';
import { importHash, sourceKeyForTitle } from './page/fingerprint';
import { parsePage, type ParsedPage } from './page/parse-page';
import type { ImportFailure } from './reasons';

// The pure half of an import: everything that can be known about a batch without the database.
// It runs the same way for a preview and for the real import, and per unit, so that it can
// later move to a worker and run in bulk.

export type PageCandidate = {
  kind: 'page';
  identity: string;
  sourceKey: string;
  hash: string;
  page: ParsedPage;
  regions: DetectedRegion[];
};

export type RecordCandidate = {
  kind: 'record';
  identity: string;
  hash: string;
  record: ArticleRecord;
};

export type Candidate = PageCandidate | RecordCandidate;

export type UnitSummary = { title?: string; itemCount?: number; regionCodes: string[]; warnings: string[] };

export type AnalysedUnit = {
  position: number;
  name: string;
  summary: UnitSummary;
} & (
  | { state: 'ready'; candidate: Candidate }
  | { state: 'failed'; failure: ImportFailure }
  /** Same page as an earlier unit of this batch, with the same content: nothing to do. */
  | { state: 'duplicate'; candidate: Candidate; duplicateOf: { position: number; name: string } }
);

export type AnalyseOptions = { normalizePunctuation: boolean };

export function analyseUnits(units: ImportUnit[], options: AnalyseOptions): AnalysedUnit[] {
  const analysed = units.map((unit, position) => analyseUnit(unit, position, options));
  return markDuplicates(analysed);
}

export function analyseUnit(unit: ImportUnit, position: number, options: AnalyseOptions): AnalysedUnit {
  const base = { position, name: unit.name };
  try {
    switch (unit.kind) {
      case 'rejected':
        return { ...base, state: 'failed', failure: unit.failure, summary: emptySummary() };
      case 'page': {
        const read = 'bytes' in unit ? unit : 'path' in unit ? readPageFile(unit.path) : readArchivePage(unit.archive, unit.entry);
        if (!('bytes' in read)) return { ...base, state: 'failed', failure: read, summary: emptySummary() };
        return analysePage(base, read.bytes, options);
      }
      case 'record':
        return analyseRecord(base, readRecordLine(unit));
    }
  } catch (error) {
    // A bug must not take the batch down with it; the file is reported and the log has the cause.
    console.error(`import: analysing ${unit.name} failed`, error);
    return {
      ...base,
      state: 'failed',
      failure: { reason: 'INTERNAL', message: '处理此文件时发生内部错误，本文件未导入，请联系管理员。' },
      summary: emptySummary(),
    };
  }
}

function analysePage(base: { position: number; name: string }, bytes: Uint8Array, options: AnalyseOptions): AnalysedUnit {
  let page: ParsedPage;
  let hash: string;
  try {
    const decoded = decodePageBytes(bytes);
    hash = importHash(decoded.text, options);
    page = parsePage(decoded.text, { normalizePunctuation: options.normalizePunctuation });
  } catch (error) {
    if (!isImportParseError(error)) throw error;
    return { ...base, state: 'failed', failure: { reason: error.code, message: error.message }, summary: emptySummary() };
  }
  const sourceKey = sourceKeyForTitle(page.title);
  const regions = detectRegions(page.title);
  return {
    ...base,
    state: 'ready',
    candidate: { kind: 'page', identity: `source:${sourceKey}`, sourceKey, hash, page, regions },
    summary: { title: page.title, itemCount: page.items.length, regionCodes: regions.map((r) => r.code), warnings: page.warnings },
  };
}

function analyseRecord(base: { position: number; name: string }, line: string): AnalysedUnit {
  const invalid = (message: string): AnalysedUnit => ({ ...base, state: 'failed', failure: { reason: 'RECORD_INVALID', message }, summary: emptySummary() });
  let json: unknown;
  try {
    json = JSON.parse(line);
  } catch {
    return invalid('这一行不是有效的 JSON，可能被截断或改坏了。');
  }
  const parsed = articleRecordSchema.safeParse(json);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    return invalid(`文章记录无效：字段 ${issue.path.join('.') || '(整行)'} ${issue.message}`);
  }
  const body = bodyDocSchema.safeParse(parsed.data.body);
  if (!body.success) return invalid(`文章记录的正文无效：${body.error.issues[0].message}`);
  let publishedBody: unknown = null;
  if (parsed.data.published) {
    const checked = bodyDocSchema.safeParse(parsed.data.published.body);
    if (!checked.success) return invalid(`文章记录的发布版本正文无效：${checked.error.issues[0].message}`);
    publishedBody = checked.data;
  }
  if (parsed.data.status === 'PUBLISHED' && !parsed.data.published) return invalid('状态为“已发布”的文章记录缺少发布版本（published）。');

  // Region codes come from GB/T 2260 data every installation loads; one this installation does
  // not know is dropped rather than failing the article.
  const warnings: string[] = [];
  const knownRegions = <T extends { code: string }>(regions: T[]) =>
    regions.filter((r) => {
      if (getRegion(r.code)) return true;
      warnings.push(`地区代码 ${r.code} 不存在，已忽略。`);
      return false;
    });
  const record: ArticleRecord = {
    ...parsed.data,
    body: body.data,
    regions: knownRegions(parsed.data.regions),
    published: parsed.data.published ? { ...parsed.data.published, body: publishedBody, regions: knownRegions(parsed.data.published.regions) } : null,
  };
  return {
    ...base,
    state: 'ready',
    candidate: { kind: 'record', identity: recordIdentity(record), hash: recordContentHash(record), record },
    summary: { title: record.title, itemCount: record.recommendations.length, regionCodes: record.regions.map((r) => r.code), warnings },
  };
}

/**
 * A batch imports each page (question) once. A later file with the same identity and the same
 * content is a harmless copy; with different content nobody can tell which one is right, so it
 * is refused rather than silently overwriting the first.
 */
function markDuplicates(units: AnalysedUnit[]): AnalysedUnit[] {
  return units.map(createDuplicateMarker());
}

/**
 * markDuplicates one unit at a time, for imports that analyse a large batch chunk by chunk: it
 * remembers only each identity's first position, name and hash, not the analysed pages.
 */
export function createDuplicateMarker(): (unit: AnalysedUnit) => AnalysedUnit {
  const first = new Map<string, { position: number; name: string; hash: string }>();
  return (unit) => {
    if (unit.state !== 'ready') return unit;
    const earlier = first.get(unit.candidate.identity);
    if (!earlier) {
      first.set(unit.candidate.identity, { position: unit.position, name: unit.name, hash: unit.candidate.hash });
      return unit;
    }
    if (earlier.hash === unit.candidate.hash) {
      return { ...unit, state: 'duplicate', duplicateOf: { position: earlier.position, name: earlier.name } };
    }
    return {
      position: unit.position,
      name: unit.name,
      summary: unit.summary,
      state: 'failed',
      failure: {
        reason: 'DUPLICATE',
        message: `本批次中的“${earlier.name}”是同一页面（标题相同）但内容不同，无法判断以哪个为准，本文件未导入。请去掉其中一个后重新导入。`,
      },
    };
  };
}

function emptySummary(): UnitSummary {
  return { regionCodes: [], warnings: [] };
}

/**
 * Analyses `units`, the batch's units from position `first` on, in batch order. Analysis is
 * synchronous CPU work, so it yields after each file: the database's replies to the previous
 * chunk's statements are handled at once (the database never waits for us), and in the web server
 * other requests get through.
 */
export async function analyseInTurn(
  units: readonly ImportUnit[],
  first: number,
  markDuplicate: (unit: AnalysedUnit) => AnalysedUnit,
  normalizePunctuation: boolean,
): Promise<AnalysedUnit[]> {
  const analysed: AnalysedUnit[] = [];
  for (const [index, unit] of units.entries()) {
    analysed.push(markDuplicate(analyseUnit(unit, first + index, { normalizePunctuation })));
    await setImmediate();
  }
  return analysed;
}
