import { z } from 'zod';
import { toCsv } from '@/lib/csv/csv';
import { formatDateTime, isIsoDate } from '@/lib/dates';
import { db } from '@/lib/db/client';
import { Prisma } from '@/lib/generated/prisma/client';
import { withoutControlChars } from '@/lib/search/query-text';

// The audit log as admins read it (/admin/audit): every recorded event, newest first, filtered by
// who, what, which article and when, one page at a time in SQL. The rows are written by
// recordAudit (./record-audit.ts) in the transaction of the change they record.

export const auditPageSize = 50;
/** The CSV holds at most this many events: a filter narrows a larger export. */
export const auditCsvLimit = 50_000;

/** The groups of actions the filter offers; an action is `<group>.<what>`. */
export const auditActionGroups = {
  article: '文章',
  user: '用户',
  auth: '登录',
  session: '会话',
  settings: '设置',
  synonyms: '搜索同义词',
} as const;

/** Chinese names of the recorded actions; an action without one is shown as it is stored. */
export const auditActionLabels: Record<string, string> = {
  'article.create': '新建文章',
  'article.save': '保存文章',
  'article.lock-takeover': '接管编辑',
  'article.lock-release': '解除编辑锁',
  'article.import': '导入文章',
  'article.bulk-edit': '批量编辑',
  'article.submit': '提交审核',
  'article.approve': '审核通过',
  'article.requestChanges': '退回修改',
  'article.publish': '发布',
  'article.unpublish': '下线',
  'article.schedule': '定时',
  'article.reschedule': '重新定时',
  'article.unschedule': '取消定时',
  'article.schedule-fail': '定时未执行',
  'article.trash': '移到回收站',
  'article.restore': '从回收站恢复',
  'article.delete': '永久删除',
  'article.purge': '回收站到期删除',
  'user.create': '新建用户',
  'user.role': '更改角色',
  'user.active': '启用/停用用户',
  'user.password-link': '发出密码链接',
  'user.password-set': '通过链接设置密码',
  'user.password-changed': '修改自己的密码',
  'user.two-factor-enabled': '启用两步验证',
  'user.two-factor-disabled': '停用两步验证',
  'user.two-factor-reset': '重置两步验证',
  'user.lock-lifted': '解除登录锁定',
  'user.recovery-codes-renewed': '更新恢复码',
  'auth.sign-in': '登录成功',
  'auth.sign-in-failed': '登录失败',
  'auth.second-factor': '两步验证通过',
  'auth.second-factor-failed': '两步验证失败',
  'auth.account-locked': '账号登录被锁定',
  'session.end': '结束会话',
  'session.end-all': '结束全部会话',
  'settings.update': '更改安全设置',
  'settings.site.update': '更改站点设置',
  'synonyms.create': '新增同义词组',
  'synonyms.update': '修改同义词组',
  'synonyms.delete': '删除同义词组',
};

export function auditActionLabel(action: string): string {
  return auditActionLabels[action] ?? action;
}

// Ids and action names typed or pasted into the address: without control characters, as every
// list's text filter (PostgreSQL refuses NUL), and a value too long to be one is refused with a message.
const optionalText = (max: number, label: string) =>
  z
    .string()
    .overwrite(withoutControlChars)
    .trim()
    .max(max, `${label}不能超过 ${max} 个字符`)
    .optional()
    .transform((v) => v || undefined);
const optionalDate = z
  .string()
  .trim()
  .optional()
  .transform((v) => v || undefined)
  .refine((v) => v === undefined || isIsoDate(v), '日期格式应为 YYYY-MM-DD');

/** The filter as it comes in the page's address (every field optional). */
export const auditFilterSchema = z.object({
  user: optionalText(40, '操作人'),
  /** An action (`article.publish`) or a group (`article`). */
  action: optionalText(60, '操作'),
  article: optionalText(40, '文章 ID'),
  /** Days in China's time (Asia/Shanghai), both included. */
  from: optionalDate,
  to: optionalDate,
  page: z.coerce.number().int().min(1).max(100_000).catch(1),
});

export type AuditFilter = z.infer<typeof auditFilterSchema>;

export type AuditRow = {
  id: bigint;
  createdAt: Date;
  actorName: string | null;
  actorEmail: string | null;
  action: string;
  entityType: string;
  entityId: string;
  /**
   * The article's current title, when the event is about an article that still exists; for one
   * deleted for good (lib/trash), the title its deletion recorded, and articleDeleted is true.
   */
  articleTitle: string | null;
  articleDeleted: boolean;
  summary: Prisma.JsonValue;
  ip: string | null;
};

function filterSql(filter: AuditFilter): Prisma.Sql {
  const conditions: Prisma.Sql[] = [Prisma.sql`TRUE`];
  if (filter.user) conditions.push(Prisma.sql`e."actorId" = ${filter.user}`);
  if (filter.action) {
    conditions.push(filter.action in auditActionGroups ? Prisma.sql`e.action LIKE ${`${filter.action}.%`}` : Prisma.sql`e.action = ${filter.action}`);
  }
  if (filter.article) conditions.push(Prisma.sql`e."entityType" = 'Article' AND e."entityId" = ${filter.article}`);
  // createdAt holds UTC without a zone: the day's start in China, as UTC.
  if (filter.from) conditions.push(Prisma.sql`e."createdAt" >= ((${filter.from}::date)::timestamp AT TIME ZONE 'Asia/Shanghai') AT TIME ZONE 'UTC'`);
  if (filter.to) conditions.push(Prisma.sql`e."createdAt" < ((${filter.to}::date + 1)::timestamp AT TIME ZONE 'Asia/Shanghai') AT TIME ZONE 'UTC'`);
  return Prisma.join(conditions, ' AND ');
}

async function selectEvents(filter: AuditFilter, limit: number, offset: number): Promise<AuditRow[]> {
  return db.$queryRaw<AuditRow[]>`
    SELECT e.id, e."createdAt", u.name AS "actorName", u.email AS "actorEmail", e.action, e."entityType", e."entityId",
           coalesce(a.title, gone.title) AS "articleTitle", gone.title IS NOT NULL AS "articleDeleted", e.summary, e.ip
    FROM "AuditEvent" e
    LEFT JOIN "User" u ON u.id = e."actorId"
    LEFT JOIN "Article" a ON e."entityType" = 'Article' AND a.id = e."entityId"
    LEFT JOIN LATERAL (
      SELECT d.summary->>'title' AS title FROM "AuditEvent" d
      WHERE e."entityType" = 'Article' AND a.id IS NULL
        AND d."entityType" = 'Article' AND d."entityId" = e."entityId" AND d.action IN ('article.delete', 'article.purge')
      ORDER BY d."createdAt" DESC LIMIT 1
    ) gone ON TRUE
    WHERE ${filterSql(filter)}
    ORDER BY e."createdAt" DESC, e.id DESC
    LIMIT ${limit} OFFSET ${offset}`;
}

/** One page of events, newest first, and how many the filter matches. */
export async function listAuditEvents(filter: AuditFilter): Promise<{ rows: AuditRow[]; total: number }> {
  const [rows, [{ total }]] = await Promise.all([
    selectEvents(filter, auditPageSize, (filter.page - 1) * auditPageSize),
    db.$queryRaw<{ total: bigint }[]>`SELECT count(*) AS total FROM "AuditEvent" e WHERE ${filterSql(filter)}`,
  ]);
  return { rows, total: Number(total) };
}

/** The people who appear in the log, for the filter's list. */
export async function listAuditActors(): Promise<{ id: string; name: string; email: string }[]> {
  return db.user.findMany({ orderBy: { name: 'asc' }, select: { id: true, name: true, email: true } });
}

/** What an event changed, in one line: its summary's fields as `key: value`. */
export function summaryText(summary: Prisma.JsonValue): string {
  if (summary === null || typeof summary !== 'object' || Array.isArray(summary)) return summary === null ? '' : JSON.stringify(summary);
  return Object.entries(summary)
    .map(([key, value]) => `${key}: ${typeof value === 'string' ? value : JSON.stringify(value)}`)
    .join('；');
}

export const auditCsvHeader = ['时间', '操作人', '操作人邮箱', '操作', '操作代码', '对象类型', '对象ID', '文章标题', '详情', 'IP'];

/** Every event the filter matches (up to auditCsvLimit), newest first, as CSV. */
export async function auditCsv(filter: AuditFilter): Promise<string> {
  const rows = await selectEvents(filter, auditCsvLimit, 0);
  return toCsv([
    auditCsvHeader,
    ...rows.map((row) => [
      formatDateTime(row.createdAt),
      row.actorName ?? '',
      row.actorEmail ?? '',
      auditActionLabel(row.action),
      row.action,
      row.entityType,
      row.entityId,
      row.articleTitle ?? '',
      summaryText(row.summary),
      row.ip ?? '',
    ]),
  ]);
}
