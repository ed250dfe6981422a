import { randomBytes } from 'node:crypto';
import { mkdir, readdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { Db } from '@/lib/db/client';
import { defaultDataDir } from '@/lib/db/embedded';
import { importPages } from '@/lib/import/import-pages';
import { defaultSiteSettings, updateSiteSettings } from '@/lib/settings/site-settings';
import { createUser } from '@/lib/users/create-user';
import { publishArticle, reviewArticle, submitForReview } from '@/lib/workflow/workflow';

type Person = Awaited<ReturnType<typeof createUser>>;

export type DemoLogin = { role: string; email: string; password: string };

const samplePagesDir = path.join(process.cwd(), 'prisma', 'sample-pages');

/**
 * Demo mode only (embedded database): three accounts with generated passwords, the sample pages
 * imported by the editor, and all but one taken through the real workflow to publication.
 * Runs once; later starts just return the saved logins, kept in the data folder of the embedded
 * database (`.data/` by default; a benchmark's demo passes its temporary one).
 */
export async function seedDemo(db: Db, { dataDir = defaultDataDir }: { dataDir?: string } = {}): Promise<DemoLogin[]> {
  const loginsFile = path.join(dataDir, 'demo-logins.json');
  if ((await db.user.count()) > 0) {
    return JSON.parse(await readFile(loginsFile, 'utf8').catch(() => '[]')) as DemoLogin[];
  }
  const people = [
    { role: 'ADMIN', email: 'admin@baoda.local', name: '管理员' },
    { role: 'EDITOR', email: 'editor@baoda.local', name: '王编辑' },
    { role: 'REVIEWER', email: 'reviewer@baoda.local', name: '李审核' },
  ] as const;
  const logins: DemoLogin[] = [];
  const users = [];
  for (const person of people) {
    const password = randomBytes(9).toString('base64url');
    users.push(await createUser(db, { ...person, password }));
    logins.push({ role: person.role, email: person.email, password });
  }
  const [admin, editor, reviewer] = users;

  // Sample filing numbers of zeros, which the footer text calls samples (the numbers themselves
  // take nothing after them): a real site enters its own under 设置 → 站点.
  await updateSiteSettings(
    db,
    admin.id,
    {
      ...defaultSiteSettings,
      icpNumber: '京ICP备00000000号-1',
      psbNumber: '京公网安备00000000000000号',
      footerText: '演示站点：备案号为示例，不是真实备案。内容仅供参考，具体以当地医保部门政策为准。',
      contact: 'contact@baoda.example',
    },
    null,
  );

  await seedSampleContent(db, editor, reviewer);

  await mkdir(path.dirname(loginsFile), { recursive: true });
  await writeFile(loginsFile, JSON.stringify(logins, null, 2), { mode: 0o600 });
  return logins;
}

/**
 * The sample pages (prisma/sample-pages), imported by `editor`; all but the last taken through
 * the real workflow to publication (`reviewer` approves), the last left a draft. For the demo and
 * the public-page audit (scripts/audit-public.ts).
 */
export async function seedSampleContent(db: Db, editor: Person, reviewer: Person): Promise<void> {
  const names = (await readdir(samplePagesDir)).filter((n) => n.endsWith('.txt')).sort();
  const files = await Promise.all(names.map(async (name) => ({ name, bytes: await readFile(path.join(samplePagesDir, name)) })));
  const report = await importPages(db, { actorId: editor.id, source: 'seed', files });
  const imported = report.files.filter((f) => f.articleId);

  for (const file of imported.slice(0, -1)) {
    const articleId = file.articleId!;
    const { version } = await db.article.findUniqueOrThrow({ where: { id: articleId }, select: { version: true } });
    await submitForReview({ actor: editor, articleId, version });
    await reviewArticle({ actor: reviewer, articleId, version, decision: 'APPROVED', comment: '内容准确，可以发布。' });
    await publishArticle({ actor: editor, articleId, version });
  }
}
