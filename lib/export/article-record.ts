import { createHash } from 'node:crypto';
import { z } from 'zod';
import { isIsoDate } from '@/lib/dates';

// The NDJSON export format: a header line, then one article per line. Written by
// lib/export/export-articles.ts, read back by the importer (lib/import/write-record.ts); this
// schema is the one boundary both sides share. How ids, slugs, users and statuses map on
// re-import is described in README.md ("Export and re-import").

export const EXPORT_FORMAT = 'baoda-articles';
export const EXPORT_FORMAT_VERSION = 1;

export type ExportHeader = {
  format: typeof EXPORT_FORMAT;
  version: typeof EXPORT_FORMAT_VERSION;
  exportedAt: string;
  filters: { status?: string; region?: string };
};

export function isExportHeaderLine(line: string): boolean {
  try {
    const header = JSON.parse(line) as Partial<ExportHeader>;
    return header.format === EXPORT_FORMAT && header.version === EXPORT_FORMAT_VERSION;
  } catch {
    return false;
  }
}

const isoDate = z.string().refine(isIsoDate, '日期格式应为 YYYY-MM-DD');
const isoDateTime = z.iso.datetime();
const statusSchema = z.enum(['DRAFT', 'IN_REVIEW', 'CHANGES_REQUESTED', 'APPROVED', 'PUBLISHED', 'ARCHIVED']);

/** How a recommendation names another article: by its import identity, else by its slug. */
export const articleRefSchema = z.object({
  sourceKey: z.string().min(1).max(64).nullable(),
  slug: z.string().min(1).max(200),
});

const recommendationSchema = z.object({
  title: z.string().min(1).max(200),
  summary: z.string().max(2000),
  category: z.string().max(100),
  itemDate: isoDate.nullable(),
  target: articleRefSchema.nullable(),
});

const regionSchema = z.object({
  code: z.string().regex(/^\d{6}$/),
  origin: z.enum(['AUTO', 'MANUAL']),
  confidence: z.number().min(0).max(1),
});

/**
 * A review of one version: who, what they decided, why and when. The reviewer is named by email,
 * as createdBy/updatedBy are (a reviewer always has an account where the review was made).
 */
const reviewSchema = z.object({
  reviewer: z.string().min(1).max(320),
  decision: z.enum(['APPROVED', 'CHANGES_REQUESTED']),
  comment: z.string().max(2000),
  articleVersion: z.number().int().positive(),
  createdAt: isoDateTime,
});

/** The fields that make up what a reader or an editor sees; hashed to tell "unchanged". */
const contentShape = {
  title: z.string().min(1).max(200),
  slug: z
    .string()
    .regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/)
    .max(120),
  summary: z.string().max(2000),
  // Checked against the body schema by the importer (it also strips unknown keys).
  body: z.unknown(),
  disclaimer: z.string().max(2000),
  category: z.string().max(100),
  contentDate: isoDate.nullable(),
  regions: z.array(regionSchema).max(200),
  recommendations: z.array(recommendationSchema).max(200),
};

export const articleRecordSchema = z.object({
  type: z.literal('article'),
  /** The id in the exporting database: informational, never reused. */
  id: z.string().max(64),
  sourceKey: z.string().min(1).max(64).nullable(),
  ...contentShape,
  status: statusSchema,
  version: z.number().int().positive(),
  importedVersion: z.number().int().positive().nullable(),
  rejectedRegionCodes: z.array(z.string().regex(/^\d{6}$/)).max(200),
  sourceFile: z.string().max(1000).nullable(),
  sourceHash: z.string().max(128).nullable(),
  createdBy: z.string().max(320).nullable(),
  updatedBy: z.string().max(320).nullable(),
  createdAt: isoDateTime,
  updatedAt: isoDateTime,
  publishedAt: isoDateTime.nullable(),
  scheduledAt: isoDateTime.nullable(),
  /** The live version (what the public site shows), when there is one. */
  published: z
    .object({
      articleVersion: z.number().int().positive(),
      ...contentShape,
      createdAt: isoDateTime,
    })
    .nullable(),
  /**
   * The article's reviews, oldest first. Optional: files exported before reviews were exported
   * still restore (their articles without reviews). Not part of the content hash (see below).
   */
  reviews: z.array(reviewSchema).max(10_000).optional(),
});

export type ArticleRecord = z.infer<typeof articleRecordSchema>;
export type ArticleRef = z.infer<typeof articleRefSchema>;
export type RecordRecommendation = ArticleRecord['recommendations'][number];
export type RecordRegion = ArticleRecord['regions'][number];
export type PublishedSnapshot = NonNullable<ArticleRecord['published']>;
export type RecordReview = NonNullable<ArticleRecord['reviews']>[number];

/** The identity a record is matched by on re-import (see README): its sourceKey, else its slug. */
export function recordIdentity(record: { sourceKey: string | null; slug: string }): string {
  return record.sourceKey ? `source:${record.sourceKey}` : `slug:${record.slug}`;
}

type ContentFields = Pick<
  ArticleRecord,
  'title' | 'slug' | 'summary' | 'body' | 'disclaimer' | 'category' | 'contentDate' | 'regions' | 'recommendations' | 'rejectedRegionCodes'
>;

/**
 * Hash of what an import of this record would write to the working copy. Equal hashes mean
 * re-importing changes nothing. Key order and region order do not count; list order does.
 *
 * Reviews do not count: they are restored only with a new article, never by an update, so a
 * record that differs from the article here only in its reviews would otherwise be "updated"
 * into a new version with the same content (and, for an edit, back to draft) while its reviews
 * still would not be written. It also keeps files exported before reviews were (no `reviews`)
 * unchanged against the articles they restored.
 */
export function recordContentHash(record: ContentFields): string {
  const content = {
    title: record.title,
    slug: record.slug,
    summary: record.summary,
    body: record.body,
    disclaimer: record.disclaimer,
    category: record.category,
    contentDate: record.contentDate,
    regions: [...record.regions].sort((a, b) => a.code.localeCompare(b.code)),
    recommendations: record.recommendations,
    rejectedRegionCodes: [...record.rejectedRegionCodes].sort(),
  };
  return createHash('sha256').update(stableStringify(content), 'utf8').digest('hex');
}

/** JSON with object keys sorted, so that jsonb's key order and a file's cannot differ. */
export function stableStringify(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(stableStringify).join(',')}]`;
  if (value && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${stableStringify(v)}`).join(',')}}`;
  }
  return JSON.stringify(value) ?? 'null';
}
