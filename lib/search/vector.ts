import { Prisma } from '@/lib/generated/prisma/client';
import { fieldLexemeSet, type FieldKind } from './tokenize';

// A document's search vector: title, summary and body lexemes (lib/search/tokenize.ts) with
// weights A, B and C. Each distinct lexeme appears once per field, at its first position: the
// weight is what ranking needs, and one position per lexeme keeps vectors and the GIN index small.
// The app passes one tsvector literal per field; SQL weights and joins them (`searchVectorSql`),
// so the set-based writers (bulk import, benchmark generator) share the same rule.

export type SearchDocument = { title: string; summary: string; body: string };
export type FieldVectors = { title: string; summary: string; body: string };

// tsvector positions stop at 16383.
const MAX_POSITION = 16383;

const QUOTED = /['\\]/;

/** A lexeme as written between the literal's quotes. */
function escapeLexeme(lexeme: string): string {
  // Lexemes are letters and digits (lib/search/tokenize.ts): the escapes are for safety, not for use.
  return QUOTED.test(lexeme) ? lexeme.replace(/\\/g, '\\\\').replace(/'/g, "''") : lexeme;
}

function quoteLexeme(lexeme: string): string {
  return `'${escapeLexeme(lexeme)}'`;
}

/** A tsvector literal of one field: `'医保':1 '保断':2 …`. */
export function fieldVectorLiteral(text: string, kind: FieldKind): string {
  return Array.from(fieldLexemeSet(text, kind), (lexeme, i) => `${quoteLexeme(lexeme)}:${Math.min(i + 1, MAX_POSITION)}`).join(' ');
}

export function documentFieldVectors(doc: SearchDocument): FieldVectors {
  return { title: fieldVectorLiteral(doc.title, 'title'), summary: fieldVectorLiteral(doc.summary, 'text'), body: fieldVectorLiteral(doc.body, 'text') };
}

/**
 * The weighted document vector as one literal: what `searchVectorSql` makes of the three
 * field literals, built here so that the database only parses it (the set-based writer's chunks
 * spent more time in setweight and || than in anything else). PostgreSQL's || shifts the right
 * vector's positions by the left one's largest position; each field's positions are 1…n.
 */
export function documentVectorLiteral(doc: SearchDocument): string {
  // The literal's pieces, joined once at the end: per lexeme ` '` (no space before the first), the
  // lexeme, `':` and its positions (`3A`, then `,17C` …).
  const parts: string[] = [];
  // A title or summary lexeme → the index of its positions in parts, for the fields after it.
  const earlier = new Map<string, number>();
  let position = 0;
  for (const [text, weight] of [
    [doc.title, 'A'],
    [doc.summary, 'B'],
    [doc.body, 'C'],
  ] as const) {
    // A field's positions go on from the largest one before it, all stopping at MAX_POSITION.
    for (const lexeme of fieldLexemeSet(text, weight === 'A' ? 'title' : 'text')) {
      if (position < MAX_POSITION) position++;
      const at = earlier.get(lexeme);
      if (at !== undefined) {
        parts[at] += `,${position}${weight}`;
        continue;
      }
      parts.push(parts.length === 0 ? "'" : " '", escapeLexeme(lexeme), "':", `${position}${weight}`);
      // Only title and summary lexemes can come again in a later field; the body's (most) are not kept.
      if (weight !== 'C') earlier.set(lexeme, parts.length - 1);
    }
  }
  return parts.join('');
}

/** The title alone, weight A (the public search's ranking reads this small vector). */
export function titleVectorSql(vectors: FieldVectors): Prisma.Sql {
  return Prisma.sql`setweight(${vectors.title}::tsvector, 'A')`;
}

/** The same, as a Prisma fragment with the literals as parameters. */
export function searchVectorSql(vectors: FieldVectors): Prisma.Sql {
  return Prisma.sql`setweight(${vectors.title}::tsvector, 'A') || setweight(${vectors.summary}::tsvector, 'B') || setweight(${vectors.body}::tsvector, 'C')`;
}
