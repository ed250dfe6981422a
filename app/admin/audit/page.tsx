import Link from 'next/link';
import { PageHeader } from '@/components/admin/page-header';
import {
  auditActionGroups,
  auditActionLabel,
  auditActionLabels,
  auditFilterSchema,
  auditPageSize,
  listAuditActors,
  listAuditEvents,
  summaryText,
  type AuditFilter,
} from '@/lib/audit/audit-log';
import { requireUser } from '@/lib/auth/session';
import { formatDateTime } from '@/lib/dates';

export const metadata = { title: '审计日志' };

type Props = { searchParams: Promise<Record<string, string | string[] | undefined>> };

/** The filter as an address query, without empty fields; `page` replaced when given. */
function queryOf(filter: AuditFilter, page?: number): string {
  const params = new URLSearchParams();
  for (const key of ['user', 'action', 'article', 'from', 'to'] as const) if (filter[key]) params.set(key, filter[key]);
  if (page && page > 1) params.set('page', String(page));
  const query = params.toString();
  return query ? `?${query}` : '';
}

export default async function AuditPage({ searchParams }: Props) {
  await requireUser('audit:read');
  const raw = Object.fromEntries(Object.entries(await searchParams).map(([key, value]) => [key, Array.isArray(value) ? value[0] : value]));
  const parsed = auditFilterSchema.safeParse(raw);
  const filter: AuditFilter = parsed.success ? parsed.data : auditFilterSchema.parse({});
  const [{ rows, total }, actors] = await Promise.all([listAuditEvents(filter), listAuditActors()]);
  const pageCount = Math.max(1, Math.ceil(total / auditPageSize));
  return (
    <>
      <PageHeader title="审计日志">
        <a href={`/admin/audit/csv${queryOf(filter)}`} className="button" download>
          导出 CSV
        </a>
      </PageHeader>
      {!parsed.success && (
        <p role="alert" className="alert error">
          筛选条件无效：{parsed.error.issues.map((i) => i.message).join('；')}
        </p>
      )}
      {/* Keyed by the filter: a link to other filters (an article's title, 清除) is a client-side
          navigation, and React keeps a mounted field's value (a select's choice above all) when
          only its defaultValue changes; a new form shows what the address says. */}
      <form
        key={queryOf(filter)}
        method="get"
        className="filters"
        aria-label="筛选审计日志"
        style={{ display: 'flex', flexWrap: 'wrap', gap: 12, alignItems: 'flex-end', marginBottom: 16 }}
      >
        <div>
          <label htmlFor="audit-user">操作人</label>
          <select id="audit-user" name="user" defaultValue={filter.user ?? ''}>
            <option value="">全部</option>
            {actors.map((a) => (
              <option key={a.id} value={a.id}>
                {a.name}（{a.email}）
              </option>
            ))}
          </select>
        </div>
        <div>
          <label htmlFor="audit-action">操作</label>
          <select id="audit-action" name="action" defaultValue={filter.action ?? ''}>
            <option value="">全部</option>
            {Object.entries(auditActionGroups).map(([group, label]) => (
              <optgroup key={group} label={label}>
                <option value={group}>全部{label}操作</option>
                {Object.keys(auditActionLabels)
                  .filter((action) => action.startsWith(`${group}.`))
                  .map((action) => (
                    <option key={action} value={action}>
                      {auditActionLabels[action]}
                    </option>
                  ))}
              </optgroup>
            ))}
          </select>
        </div>
        <div>
          <label htmlFor="audit-article">文章 ID</label>
          <input id="audit-article" name="article" defaultValue={filter.article ?? ''} size={26} />
        </div>
        <div>
          <label htmlFor="audit-from">从</label>
          <input id="audit-from" name="from" type="date" defaultValue={filter.from ?? ''} />
        </div>
        <div>
          <label htmlFor="audit-to">到</label>
          <input id="audit-to" name="to" type="date" defaultValue={filter.to ?? ''} />
        </div>
        <button type="submit" className="button primary">
          筛选
        </button>
        <Link href="/admin/audit" className="button">
          清除
        </Link>
      </form>
      <p className="muted" data-testid="audit-total">
        共 {total} 条记录
      </p>
      {rows.length > 0 && (
        <table className="data" aria-label="审计记录">
          <thead>
            <tr>
              <th>时间</th>
              <th>操作人</th>
              <th>操作</th>
              <th>对象</th>
              <th>详情</th>
              <th>IP</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((row) => (
              <tr key={String(row.id)}>
                <td style={{ whiteSpace: 'nowrap' }}>{formatDateTime(row.createdAt)}</td>
                <td>{row.actorName ?? <span className="muted">系统</span>}</td>
                <td title={row.action}>{auditActionLabel(row.action)}</td>
                <td>
                  {row.entityType === 'Article' ? (
                    <Link href={`/admin/audit${queryOf({ ...filter, article: row.entityId, page: 1 })}`} title="只看这篇文章的记录">
                      {row.articleTitle ?? `文章 ${row.entityId}`}
                      {row.articleDeleted && '（已永久删除）'}
                    </Link>
                  ) : (
                    <span className="muted">
                      {row.entityType} {row.entityId}
                    </span>
                  )}
                </td>
                <td className="small" style={{ maxWidth: 360, overflowWrap: 'anywhere' }}>
                  {summaryText(row.summary)}
                </td>
                <td className="small">{row.ip ?? ''}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {pageCount > 1 && (
        <nav aria-label="分页" style={{ display: 'flex', gap: 12, marginTop: 16 }}>
          {filter.page > 1 && <Link href={`/admin/audit${queryOf(filter, filter.page - 1)}`}>上一页</Link>}
          <span className="muted">
            第 {filter.page} / {pageCount} 页
          </span>
          {filter.page < pageCount && <Link href={`/admin/audit${queryOf(filter, filter.page + 1)}`}>下一页</Link>}
        </nav>
      )}
    </>
  );
}
