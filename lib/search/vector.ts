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

/**
 * The weighted document vector as one literal: what `searchVectorSql` makes of the three
 * field literals, built here so that the database only parses it (the set-based writer's chunks
 * spent more time in setweight and || than in anything else). PostgreSQL's || shifts the right
 * vector's positions by the left one's largest position; each field's positions are 1…n.
 */
export function documentVectorLiteral(doc: SearchDocument): string {
  const entries = new Map<string, string[]>();
  let shift = 0;
  for (const [text, weight] of [
    [doc.title, 'A'],
    [doc.summary, 'B'],
    [doc.body, 'C'],
  ] as const) {
    const lexemes = fieldLexemes(text);
    let maxPosition = 0;
    lexemes.forEach((lexeme, i) => {
      const position = Math.min(Math.min(i + 1, MAX_POSITION) + shift, MAX_POSITION);
      maxPosition = Math.max(maxPosition, position);
      const positions = entries.get(lexeme);
      if (positions) positions.push(`${position}${weight}`);
      else entries.set(lexeme, [`${position}${weight}`]);
    });
    shift = Math.max(shift, maxPosition);
  }
  return [...entries].map(([lexeme, positions]) => `${quoteLexeme(lexeme)}:${positions.join(',')}`).join(' ');
}

/** The title alone, weight A (the public search's ranking reads this small vector). */
export function titleVectorSql(vectors: FieldVectors): Prisma.Sql {
  return Prisma.sql`setweight(${vectors.title}::tsvector, 'A')`;
}

/** The same, as a Prisma fragment with the literals as parameters. */
export function searchVectorSql(vectors: FieldVectors): Prisma.Sql {
  return Prisma.sql`setweight(${vectors.title}::tsvector, 'A') || setweight(${vectors.summary}::tsvector, 'B') || setweight(${vectors.body}::tsvector, 'C')`;
}
