import { afterAll, beforeEach, describe, expect, it } from 'vitest';
import { auditCsv, auditFilterSchema, auditPageSize, listAuditEvents } from '@/lib/audit/audit-log';
import { recordAudit } from '@/lib/audit/record-audit';
import { db } from '@/lib/db/client';
import { publishArticle, reviewArticle, submitForReview } from '@/lib/workflow/workflow';
import { importSample, makeUser, resetDatabase } from './helpers';

// The audit log as /admin/audit reads it: filters by person, action (one or a group), article and
// days in China's time, paged in SQL, and the CSV with the spreadsheet-formula guard.
const filter = (input: Record<string, string | number> = {}) => auditFilterSchema.parse(input);

beforeEach(resetDatabase);
afterAll(() => db.$disconnect());

describe('audit log', () => {
  it('filters the workflow of one article by article, person, action and action group', async () => {
    const editor = await makeUser('EDITOR');
    const reviewer = await makeUser('REVIEWER');
    const { articleId, version } = await importSample('000_f9d22c9b16a877c9.txt', editor.id);
    const other = await importSample('001_09de7306f3693664.txt', editor.id);
    await submitForReview({ actor: editor, articleId, version });
    await reviewArticle({ actor: reviewer, articleId, version, decision: 'APPROVED', comment: '=HYPERLINK("x")' });
    await publishArticle({ actor: editor, articleId, version });

    const ofArticle = await listAuditEvents(filter({ article: articleId }));
    expect(ofArticle.rows.map((r) => r.action)).toEqual(['article.publish', 'article.approve', 'article.submit', 'article.import']);
    expect(ofArticle.total).toBe(4);
    expect(ofArticle.rows.every((r) => r.articleTitle === '居民医保只能一年一交吗')).toBe(true);

    expect((await listAuditEvents(filter({ user: reviewer.id }))).rows.map((r) => r.action)).toEqual(['article.approve']);
    expect((await listAuditEvents(filter({ action: 'article.import' }))).rows.map((r) => r.entityId).sort()).toEqual([articleId, other.articleId].sort());
    const articleGroup = await listAuditEvents(filter({ action: 'article' }));
    expect(articleGroup.total).toBe(5);
    expect(articleGroup.rows.every((r) => r.action.startsWith('article.'))).toBe(true);
    await db.$transaction((tx) => recordAudit(tx, { actorId: null, action: 'user.role', entityType: 'User', entityId: editor.id, summary: { role: 'ADMIN' } }));
    expect((await listAuditEvents(filter({ action: 'user' }))).rows.map((r) => r.action)).toEqual(['user.role']);

    // Names come from people: a spreadsheet must show one that looks like a formula as text.
    await db.user.update({ where: { id: reviewer.id }, data: { name: '=cmd|calc' } });
    const csv = await auditCsv(filter({ article: articleId }));
    expect(csv.startsWith('\uFEFF"时间","操作人"')).toBe(true);
    expect(csv).toContain(
      `"'=cmd|calc","${reviewer.email}","审核通过","article.approve","Article","${articleId}","居民医保只能一年一交吗","to: APPROVED；from: IN_REVIEW；comment: =HYPERLINK(""x"")；version: ${version}"`,
    );
  });

  it("takes days in China's time, both ends included", async () => {
    const at = (iso: string) => new Date(iso);
    // 2026-03-01 00:30 and 23:30 in Shanghai, and 2026-02-28 23:30 there.
    for (const [id, createdAt] of [
      ['in-1', at('2026-02-28T16:30:00Z')],
      ['in-2', at('2026-03-01T15:30:00Z')],
      ['before', at('2026-02-28T15:30:00Z')],
    ] as const) {
      await db.auditEvent.create({ data: { action: 'settings.update', entityType: 'Setting', entityId: id, createdAt } });
    }
    const day = await listAuditEvents(filter({ from: '2026-03-01', to: '2026-03-01' }));
    expect(day.rows.map((r) => r.entityId)).toEqual(['in-2', 'in-1']);
    expect((await listAuditEvents(filter({ to: '2026-02-28' }))).rows.map((r) => r.entityId)).toEqual(['before']);
    expect(auditFilterSchema.safeParse({ from: '2026-02-30' }).success).toBe(false);
  });

  it('reads control characters in a filter as spaces (PostgreSQL refuses NUL), and refuses a value too long in Chinese', async () => {
    await db.$transaction((tx) => recordAudit(tx, { actorId: null, action: 'settings.update', entityType: 'Setting', entityId: 'x' }));
    for (const key of ['user', 'action', 'article']) {
      expect((await listAuditEvents(filter({ [key]: '\u0000' }))).total, key).toBe(1);
      expect((await listAuditEvents(filter({ [key]: 'a\u0000b' }))).total, key).toBe(0);
      await expect(auditCsv(filter({ [key]: 'a\u0000' }))).resolves.toContain('"时间"');
    }
    expect((await listAuditEvents(filter({ action: '\u0000settings.update\u0000' }))).total).toBe(1);
    const long = auditFilterSchema.safeParse({ article: 'x'.repeat(41) });
    expect(long.success ? [] : long.error.issues.map((i) => i.message)).toEqual(['文章 ID不能超过 40 个字符']);
  });

  it('pages newest first in SQL', async () => {
    await db.$transaction(async (tx) => {
      for (let i = 0; i < auditPageSize + 5; i++) {
        await recordAudit(tx, { actorId: null, action: 'settings.update', entityType: 'Setting', entityId: `n${String(i).padStart(3, '0')}` });
      }
    });
    const first = await listAuditEvents(filter());
    const second = await listAuditEvents(filter({ page: 2 }));
    expect(first.total).toBe(auditPageSize + 5);
    expect(first.rows).toHaveLength(auditPageSize);
    expect(second.rows).toHaveLength(5);
    expect(second.rows.at(-1)!.entityId).toBe('n000');
    expect(new Set([...first.rows, ...second.rows].map((r) => r.entityId)).size).toBe(auditPageSize + 5);
  });
});
