// Run by e2e/two-instances.spec.ts through tsx: one live article whose next version is approved
// and waits to be published. Prints { articleId, slug, liveTitle, nextTitle } as JSON.
import { randomUUID } from 'node:crypto';
import { createArticle } from '@/lib/articles/create-article';
import { saveArticle } from '@/lib/articles/save-article';
import { db } from '@/lib/db/client';
import { publishArticle, reviewArticle, submitForReview } from '@/lib/workflow/workflow';
import { editInput } from '../tests/integration/helpers';
import { e2eUsers } from './users';

const [editor, reviewer] = await Promise.all([e2eUsers.editor, e2eUsers.reviewer].map((user) => db.user.findUniqueOrThrow({ where: { email: user.email } })));
const run = randomUUID().slice(0, 8);
const liveTitle = `双实例缓存测试 ${run}`;
const nextTitle = `双实例缓存测试 ${run}（已更新）`;

const { id: articleId } = await createArticle(editor, liveTitle);
async function approve(title: string): Promise<number> {
  const { version } = await saveArticle(editor, await editInput(articleId, { title }));
  await submitForReview({ actor: editor, articleId, version });
  await reviewArticle({ actor: reviewer, articleId, version, decision: 'APPROVED', comment: '' });
  return version;
}
await publishArticle({ actor: editor, articleId, version: await approve(liveTitle) });
await approve(nextTitle);
const { slug } = await db.article.findUniqueOrThrow({ where: { id: articleId }, select: { slug: true } });

console.log(JSON.stringify({ articleId, slug, liveTitle, nextTitle }));
await db.$disconnect();
