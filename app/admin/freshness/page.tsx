import Link from 'next/link';
import { z } from 'zod';
import { PageHeader } from '@/components/admin/page-header';
import { Pager } from '@/components/admin/pager';
import { freshnessPageSize, listStaleArticles } from '@/lib/articles/freshness';
import { requireUser } from '@/lib/auth/session';
import { formatDateTime } from '@/lib/dates';
import { statusLabels } from '@/lib/workflow/transitions';

export const metadata = { title: '政策时效' };

const pageSchema = z.coerce.number().int().min(1).max(10_000).catch(1);

// Published pages whose newest policy year is behind the calendar: 缴费标准 and similar rules
// change every year, so these are the pages to check first.
export default async function FreshnessPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  await requireUser('article:read-draft');
  const page = pageSchema.parse((await searchParams).page ?? 1);
  const { rows, total, currentYear } = await listStaleArticles({ page });
  const pageCount = Math.max(1, Math.ceil(total / freshnessPageSize));
  const href = (p: number) => (p === 1 ? '/admin/freshness' : `/admin/freshness?page=${p}`);
  return (
    <>
      <PageHeader title="政策时效" />
      <p className="muted" style={{ marginTop: 0 }}>
        已发布的文章中，线上版本提到的最新政策年份（如“2024年度”“2025年”）早于今年（{currentYear}
        年）的，按最新年份从近到远排列。请核实缴费标准等内容是否需要更新。
      </p>
      <table className="data" aria-label="可能过期的文章">
        <thead>
          <tr>
            <th>标题（线上版本）</th>
            <th>政策年份</th>
            <th>状态</th>
            <th>发布时间</th>
            <th>操作</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((a) => (
            <tr key={a.id}>
              <td>
                <Link href={`/admin/articles/${a.id}`}>{a.title}</Link>
              </td>
              <td>
                <span style={{ display: 'inline-flex', flexWrap: 'wrap', gap: 4 }}>
                  {a.years.map((year) => (
                    <span key={year} className="badge" style={year === a.newestYear ? { fontWeight: 600 } : undefined}>
                      {year}年
                    </span>
                  ))}
                </span>
              </td>
              <td>
                <span className={`badge ${a.status}`}>{statusLabels[a.status]}</span>
                {a.status !== 'PUBLISHED' && (
                  <div className="muted" style={{ fontSize: 12 }}>
                    线上为版本 {a.publishedVersion}
                  </div>
                )}
              </td>
              <td>{a.publishedAt ? formatDateTime(a.publishedAt) : '—'}</td>
              <td style={{ whiteSpace: 'nowrap' }}>
                <Link href={`/admin/articles/${a.id}`}>编辑</Link>
                {' · '}
                <Link href={`/a/${a.slug}`} target="_blank">
                  查看 ↗
                </Link>
              </td>
            </tr>
          ))}
          {rows.length === 0 && (
            <tr>
              <td colSpan={5} className="muted">
                {page > 1 ? '这一页没有文章' : '没有政策年份过期的已发布文章'}
              </td>
            </tr>
          )}
        </tbody>
      </table>
      <Pager page={page} pageCount={pageCount} total={total} unit="篇" href={href} />
    </>
  );
}
