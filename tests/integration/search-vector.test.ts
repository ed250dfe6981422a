import { afterAll, describe, expect, it } from 'vitest';
import { db } from '@/lib/db/client';
import { Prisma } from '@/lib/generated/prisma/client';
import { documentFieldVectors, documentVectorLiteral, searchVectorSql, type SearchDocument } from '@/lib/search/vector';
import { samplePage } from './helpers';

// The writer sends one weighted literal (documentVectorLiteral) where the other writers let
// PostgreSQL weigh and join the field literals (searchVectorSql): both must give the same vector.

afterAll(async () => {
  await db.$disconnect();
});

async function sameInDatabase(doc: SearchDocument): Promise<{ literal: string; joined: string }> {
  const [row] = await db.$queryRaw<{ literal: string; joined: string }[]>(
    Prisma.sql`SELECT (${documentVectorLiteral(doc)}::tsvector)::text AS literal, (${searchVectorSql(documentFieldVectors(doc))})::text AS joined`,
  );
  return row;
}

describe('documentVectorLiteral', () => {
  it('is the vector PostgreSQL makes of the weighted field literals', async () => {
    const page = new TextDecoder().decode((await samplePage('000_f9d22c9b16a877c9.txt')).bytes);
    const [title, ...rest] = page.split('\n');
    const docs: SearchDocument[] = [
      { title, summary: rest.slice(0, 3).join(''), body: rest.join('\n') },
      // A word in every field, an empty summary, an empty document.
      { title: '居民医保缴费', summary: '', body: '居民医保缴费标准和居民医保报销' },
      { title: '职工医保', summary: '职工医保退休', body: '退休以后职工医保怎么交' },
      { title: '', summary: '', body: '' },
    ];
    for (const doc of docs) {
      const { literal, joined } = await sameInDatabase(doc);
      expect(literal).toBe(joined);
    }
    expect((await sameInDatabase(docs[0])).literal).toMatch(/:\d+A/);
  });
});
