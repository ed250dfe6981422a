import { Prisma } from '@/lib/generated/prisma/client';
import { fieldLexemes } from './tokenize';

// A document's search vector: title, summary and body lexemes (lib/search/tokenize.ts) with
// weights A, B and C. Each distinct lexeme appears once per field, at its first position: the
// weight is what ranking needs, and one position per lexeme keeps vectors and the GIN index small.
// The app passes one tsvector literal per field; SQL weights and joins them (`searchVectorSql`),
// so the set-based writers (bulk import, benchmark generator) share the same rule.

export type SearchDocument = { title: string; summary: string; body: string };
export type FieldVectors = { title: string; summary: string; body: string };

// tsvector positions stop at 16383.
const MAX_POSITION = 16383;

function quoteLexeme(lexeme: string): string {
  return `'${lexeme.replace(/\\/g, '\\\\').replace(/'/g, "''")}'`;
}

/** A tsvector literal of one field: `'医保':1 '保断':2 …`. */
export function fieldVectorLiteral(text: string): string {
  return fieldLexemes(text)
    .map((lexeme, i) => `${quoteLexeme(lexeme)}:${Math.min(i + 1, MAX_POSITION)}`)
    .join(' ');
}

export function documentFieldVectors(doc: SearchDocument): FieldVectors {
  return { title: fieldVectorLiteral(doc.title), summary: fieldVectorLiteral(doc.summary), body: fieldVectorLiteral(doc.body) };
}

/** SQL text joining three field literals (given as SQL expressions) into one weighted tsvector. */
export function searchVectorExpression(title: string, summary: string, body: string): string {
  return `setweight(${title}::tsvector, 'A') || setweight(${summary}::tsvector, 'B') || setweight(${body}::tsvector, 'C')`;
}

/** The title alone, weight A (the public search's ranking reads this small vector). */
export function titleVectorSql(vectors: FieldVectors): Prisma.Sql {
  return Prisma.sql`setweight(${vectors.title}::tsvector, 'A')`;
}

/** The same, as a Prisma fragment with the literals as parameters. */
export function searchVectorSql(vectors: FieldVectors): Prisma.Sql {
  return Prisma.sql`setweight(${vectors.title}::tsvector, 'A') || setweight(${vectors.summary}::tsvector, 'B') || setweight(${vectors.body}::tsvector, 'C')`;
}
