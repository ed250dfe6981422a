import Link from 'next/link';
import { notFound } from 'next/navigation';
import { ArticleList, Pager } from '@/components/public/article-list';
import { Breadcrumbs } from '@/components/public/breadcrumbs';
import { JsonLd } from '@/components/public/json-ld';
import styles from '@/components/public/public.module.css';
import { regionCrumbs } from '@/lib/public/page-structured-data';
import { getLatestArticles, getMonthPage, getMonthsWithCounts, getProvincesWithCounts, getPublicSiteSettings, getRegionPage, publicPageSize } from '@/lib/public/queries';
import { breadcrumbList } from '@/lib/public/structured-data';

// The public list pages, each rendered by two routes: the first page at the list's own address
// and the others at <address>/page/<n>. Pages are path segments, not ?page=, so that each is a
// page of its own in the cache (proxy.ts sends old ?page= links to them).

/** '/a' → '/a' for page 1, '/a/page/n' after it. */
export function listPageHref(base: string, page: number): string {
  if (page === 1) return base;
  return `${base === '/' ? '' : base}/page/${page}`;
}

/** A page number from the address; anything else is not a page. */
export function pageParam(value: string): number {
  const n = /^\d{1,5}$/.test(value) ? Number(value) : 0;
  if (n < 1) notFound();
  return n;
}

export async function LatestList({ page }: { page: number }) {
  const { items, total } = await getLatestArticles(page);
  if (page > 1 && items.length === 0) notFound();
  return (
    <>
      <h1 className={styles.title}>最新医保问答</h1>
      <ArticleList items={items} />
      <Pager page={page} total={total} pageSize={publicPageSize} href={(p) => listPageHref('/', p)} />
    </>
  );
}

export async function RegionList({ code, page }: { code: string; page: number }) {
  if (!/^\d{6}$/.test(code)) notFound();
  const data = await getRegionPage(code, page);
  if (!data || (page > 1 && data.items.length === 0)) notFound();
  const { siteName } = await getPublicSiteSettings();
  return (
    <>
      <JsonLd data={breadcrumbList(regionCrumbs(code, siteName))} />
      <Breadcrumbs trail={[{ name: '按地区', href: '/regions' }, ...data.breadcrumbs.map((b) => ({ name: b.name, href: `/regions/${b.code}` }))]} current={data.region.name} />
      <h1 className={styles.title}>{data.region.name}医保问答</h1>
      {data.children.length > 0 && (
        <ul className={styles.chips} aria-label="下级地区">
          {data.children.map((c) => (
            <li key={c.code}><Link href={`/regions/${c.code}`}>{c.name}（{c.count}）</Link></li>
          ))}
        </ul>
      )}
      <ArticleList items={data.items} />
      <Pager page={page} total={data.total} pageSize={publicPageSize} href={(p) => listPageHref(`/regions/${code}`, p)} />
    </>
  );
}

export async function RegionIndex() {
  const provinces = await getProvincesWithCounts();
  return (
    <>
      <Breadcrumbs trail={[]} current="按地区" />
      <h1 className={styles.title}>按地区浏览</h1>
      {provinces.length === 0 && <p className="muted">暂无按地区分类的文章。</p>}
      <ul className={styles.chips}>
        {provinces.map((p) => (
          <li key={p.code}><Link href={`/regions/${p.code}`}>{p.name}（{p.count}）</Link></li>
        ))}
      </ul>
    </>
  );
}

export async function MonthList({ month, page }: { month: string; page: number }) {
  const match = /^(\d{4})-(0[1-9]|1[0-2])$/.exec(month);
  if (!match) notFound();
  const { items, total } = await getMonthPage(month, page);
  if (total === 0 || items.length === 0) notFound();
  return (
    <>
      <Breadcrumbs trail={[{ name: '按月份', href: '/months' }]} current={`${match[1]} 年 ${Number(match[2])} 月`} />
      <h1 className={styles.title}>{match[1]} 年 {Number(match[2])} 月</h1>
      <ArticleList items={items} />
      <Pager page={page} total={total} pageSize={publicPageSize} href={(p) => listPageHref(`/months/${month}`, p)} />
    </>
  );
}

export async function MonthIndex() {
  const months = await getMonthsWithCounts();
  return (
    <>
      <Breadcrumbs trail={[]} current="按月份" />
      <h1 className={styles.title}>按月份浏览</h1>
      {months.length === 0 && <p className="muted">暂无文章。</p>}
      <ul className={styles.chips}>
        {months.map((m) => (
          <li key={m.month}><Link href={`/months/${m.month}`}>{m.month.replace('-', ' 年 ')} 月（{m.count}）</Link></li>
        ))}
      </ul>
    </>
  );
}
