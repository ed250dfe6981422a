import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { db } from '@/lib/db/client';
import type { Role } from '@/lib/generated/prisma/enums';
import { importPages } from '@/lib/import/import-pages';
import type { SaveArticleInput } from '@/lib/articles/schemas';
import { editInput as editInputOf } from '@/lib/articles/edit-input';
import { createUser } from '@/lib/users/create-user';

// Integration tests run against the database `npm test` creates (migrated, regions loaded).
if (!process.env.DATABASE_URL) {
  throw new Error('Integration tests need DATABASE_URL: run them through `npm test`.');
}

export { resetDatabase } from '../reset-database';

let userCounter = 0;
export async function makeUser(role: Role, overrides: { email?: string; password?: string } = {}) {
  userCounter += 1;
  const password = overrides.password ?? 'correct-horse-battery';
  const user = await createUser(db, {
    email: overrides.email ?? `${role.toLowerCase()}${userCounter}@test.local`,
    name: `${role} ${userCounter}`,
    role,
    password,
  });
  return { ...user, password };
}

export const samplePagesDir = path.join(process.cwd(), 'prisma', 'sample-pages');

export async function samplePage(name: string): Promise<{ name: string; bytes: Uint8Array }> {
  return { name, bytes: await readFile(path.join(samplePagesDir, name)) };
}

/** Imports one sample page as `actorId` and returns the new article's id and version. */
export async function importSample(name: string, actorId: string) {
  const report = await importPages(db, { actorId, source: 'upload', files: [await samplePage(name)] });
  const articleId = report.files[0].articleId!;
  const { version } = await db.article.findUniqueOrThrow({ where: { id: articleId }, select: { version: true } });
  return { articleId, version, report };
}

/** The editor form's input for the article as it now stands, with `changes` on top. */
export function editInput(articleId: string, changes: Partial<SaveArticleInput> = {}): Promise<SaveArticleInput> {
  return editInputOf(db, articleId, changes);
}
