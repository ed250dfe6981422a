// Changes content from outside the app server, as a CLI or another instance would, for the
// public-cache journeys (e2e/public-cache.spec.ts). Run through tsx; prints one JSON object.
//   publish <sample file> [--title T] [--slug S] [--region CODE] [--link-to SAMPLE]
//                                                                  import if new, edit, review, publish;
//                                                                  --link-to puts a recommendation of that
//                                                                  (already imported) sample first
//   publish-new --title T [--link-to-title T2]                     a new article of its own, published; --link-to-title
//                                                                  puts a recommendation of the article titled T2 first
//   save-draft <slug> --title T                                    edit the working copy only
//   save-working <article id> --title T                            edit a (never published) working copy
//   delete <slug>                                                  remove the article outright
//   unpublish <slug>                                               take the live page down
//   draft --title T                                                a new article that stays a draft
//   approve-new --title T                                          a new article, submitted and approved, not published
//   site-settings --icp N                                          change the site settings as an admin would
//   many-drafts --title T --count N                                N drafts titled "T 1" … "T N", written in one
//                                                                  statement, tables analysed (the planner then
//                                                                  knows how common T is)
//   remove-many-drafts --title T                                   remove them again
import { parseArgs } from 'node:util';
import { createArticle } from '@/lib/articles/create-article';
import { saveArticle } from '@/lib/articles/save-article';
import { db } from '@/lib/db/client';
import { documentFieldVectors, searchVectorSql } from '@/lib/search/vector';
import { getSiteSettings, updateSiteSettings } from '@/lib/settings/site-settings';
import { publishArticle, reviewArticle, submitForReview, unpublishArticle } from '@/lib/workflow/workflow';
import { editInput, importSample } from '../tests/integration/helpers';
import { e2eUsers } from './users';

const { positionals, values } = parseArgs({
  allowPositionals: true,
  options: {
    title: { type: 'string' },
    slug: { type: 'string' },
    region: { type: 'string' },
    icp: { type: 'string' },
    'link-to': { type: 'string' },
    'link-to-title': { type: 'string' },
    count: { type: 'string' },
  },
});
const [command, target] = positionals;
const user = (email: string) => db.user.findUniqueOrThrow({ where: { email }, select: { id: true, email: true, name: true, role: true } });
const editor = await user(e2eUsers.editor.email);
const reviewer = await user(e2eUsers.reviewer.email);

async function edit(articleId: string) {
  const input = await editInput(articleId, {
    ...(values.title ? { title: values.title } : {}),
    ...(values.slug ? { slug: values.slug } : {}),
    ...(values.region ? { regions: [{ code: values.region, origin: 'MANUAL' as const }] } : {}),
  });
  const linkTo = values['link-to'] ? { sourceFile: values['link-to'] } : values['link-to-title'] ? { title: values['link-to-title'] } : null;
  const linked = linkTo ? await db.article.findFirstOrThrow({ where: { ...linkTo, deletedAt: null }, select: { id: true, title: true } }) : null;
  if (linked)
    input.recommendations = [{ title: linked.title, summary: '', category: '医保问答', itemDate: '', targetArticleId: linked.id }, ...input.recommendations];
  return saveArticle(editor, input);
}

async function editAndPublish(articleId: string) {
  const { version } = await edit(articleId);
  await submitForReview({ actor: editor, articleId, version });
  await reviewArticle({ actor: reviewer, articleId, version, decision: 'APPROVED', comment: '' });
  return publishArticle({ actor: editor, articleId, version });
}

let result: unknown;
if (command === 'publish') {
  const known = await db.article.findFirst({ where: { sourceFile: target }, select: { id: true } });
  result = await editAndPublish(known?.id ?? (await importSample(target, editor.id)).articleId);
} else if (command === 'publish-new') {
  result = await editAndPublish((await createArticle(editor, values.title ?? '新文章')).id);
} else if (command === 'save-draft') {
  const { id } = await db.article.findFirstOrThrow({ where: { publishedRevision: { slug: target } }, select: { id: true } });
  result = await edit(id);
} else if (command === 'save-working') {
  result = await edit(target);
} else if (command === 'delete') {
  result = await db.article.deleteMany({ where: { publishedRevision: { slug: target } } });
} else if (command === 'unpublish') {
  const { id, version } = await db.article.findFirstOrThrow({ where: { publishedRevision: { slug: target } }, select: { id: true, version: true } });
  result = await unpublishArticle({ actor: editor, articleId: id, version });
} else if (command === 'draft') {
  const { id } = await createArticle(editor, values.title ?? '只是草稿');
  result = await db.article.findUniqueOrThrow({ where: { id }, select: { slug: true } });
} else if (command === 'approve-new') {
  const { id } = await createArticle(editor, values.title ?? '已批准的文章');
  const { version } = await db.article.findUniqueOrThrow({ where: { id }, select: { version: true } });
  await submitForReview({ actor: editor, articleId: id, version });
  await reviewArticle({ actor: reviewer, articleId: id, version, decision: 'APPROVED', comment: '' });
  result = await db.article.findUniqueOrThrow({ where: { id }, select: { id: true, slug: true, version: true } });
} else if (command === 'site-settings') {
  const admin = await user(e2eUsers.admin.email);
  result = (await updateSiteSettings(db, admin.id, { ...(await getSiteSettings(db)), icpNumber: values.icp ?? '' }, null)).settings;
} else if (command === 'many-drafts' || command === 'remove-many-drafts') {
  // Far more articles than the journeys make one by one (the article table's estimated totals):
  // ids and slugs carry a marker so that they can be removed without touching anything else.
  const title = values.title ?? '批量草稿';
  const marker = `e2e-many-${Buffer.from(title).toString('hex')}`;
  if (command === 'many-drafts') {
    const count = Number(values.count ?? 100);
    // The search vector is T's alone, the same for every draft (no query here looks for the numbers).
    const vector = searchVectorSql(documentFieldVectors({ title, summary: '', body: '' }));
    result = await db.$transaction(async (tx) => {
      const articles = await tx.$executeRaw`
        INSERT INTO "Article" (id, slug, title, body, status, "createdById", "updatedById", "createdAt", "updatedAt")
        SELECT ${marker} || '-' || n, ${marker} || '-' || n, ${title} || ' ' || n, '{"type":"doc","content":[]}'::jsonb, 'DRAFT',
               ${editor.id}, ${editor.id}, now() - n * interval '1 second', now() - n * interval '1 second'
        FROM generate_series(1, ${count}::int) AS n`;
      await tx.$executeRaw`INSERT INTO "ArticleSearch" ("articleId", vector) SELECT id, ${vector} FROM "Article" WHERE id LIKE ${`${marker}-%`}`;
      return { articles };
    });
  } else {
    result = { articles: await db.$executeRaw`DELETE FROM "Article" WHERE id LIKE ${`${marker}-%`}` };
  }
  await db.$executeRawUnsafe('ANALYZE "Article", "ArticleSearch"');
} else {
  throw new Error(`unknown command ${command}`);
}
console.log(JSON.stringify(result));
await db.$disconnect();
