import type { Sql } from '@/lib/db/sql';

// The free-slug search, for every writer of new articles (the editor's 新建, the import, a
// restore whose slug is taken): a slug is taken when any article has it as its working copy's
// slug or as its live page's (a live page keeps its address until a new version is published).

/**
 * Every taken slug that claimSlug could want for these bases: the bases themselves (looked up by
 * index) and, only for bases already taken or wanted twice, their numbered variants (base-2 …,
 * found by a scan).
 */
export async function loadTakenSlugs(sql: Sql, bases: readonly string[]): Promise<Set<string>> {
  const wanted = [...new Set(bases)];
  if (wanted.length === 0) return new Set();
  const taken = await sql.rows<{ slug: string }>(
    `SELECT slug FROM "Article" WHERE slug = ANY($1::text[])
     UNION
     SELECT r.slug FROM "Article" a JOIN "Revision" r ON r.id = a."publishedRevisionId" WHERE r.slug = ANY($1::text[])`,
    [wanted],
  );
  const slugs = new Set(taken.map((r) => r.slug));
  const repeated = bases.filter((base, i) => bases.indexOf(base) !== i);
  const needVariants = [...new Set([...slugs, ...repeated])];
  if (needVariants.length === 0) return slugs;
  const variants = await sql.rows<{ slug: string }>(
    `SELECT slug FROM "Article" WHERE regexp_replace(slug, '-[0-9]+$', '') = ANY($1::text[])
     UNION
     SELECT r.slug FROM "Article" a JOIN "Revision" r ON r.id = a."publishedRevisionId" WHERE regexp_replace(r.slug, '-[0-9]+$', '') = ANY($1::text[])`,
    [needVariants],
  );
  for (const row of variants) slugs.add(row.slug);
  return slugs;
}

/** The first of base, base-2, base-3 … not in `taken`, which it then joins. */
export function claimSlug(base: string, taken: Set<string>): string {
  for (let n = 1; n < 1000; n += 1) {
    const candidate = n === 1 ? base : `${base}-${n}`;
    if (!taken.has(candidate)) {
      taken.add(candidate);
      return candidate;
    }
  }
  throw new Error(`No free slug for ${base}`);
}
