import type { Metadata } from 'next';
import Link from 'next/link';
import { notFound } from 'next/navigation';
import { ArticleList, Pager, pageFromSearch } from '@/components/public/article-list';
import styles from '@/components/public/public.module.css';
import { getRegionPage, publicPageSize } from '@/lib/public/queries';

type Props = { params: Promise<{ code: string }>; searchParams: Promise<{ page?: string }> };

async function load(props: Props) {
  const [{ code }, search] = await Promise.all([props.params, props.searchParams]);
  if (!/^\d{6}$/.test(code)) notFound();
  const page = pageFromSearch(search.page);
  const data = await getRegionPage(code, page);
  if (!data) notFound();
  return { ...data, page };
}

export async function generateMetadata(props: Props): Promise<Metadata> {
  const { region } = await load(props);
  return { title: `${region.name}医保问答` };
}

export default async function RegionPage(props: Props) {
  const data = await load(props);
  return (
    <>
      <nav className={styles.crumbs} aria-label="面包屑">
        <Link href="/regions">地区</Link>
        {data.breadcrumbs.map((b) => (
          <span key={b.code}> / <Link href={`/regions/${b.code}`}>{b.name}</Link></span>
        ))}
        <span> / {data.region.name}</span>
      </nav>
      <h1 style={{ fontSize: 24 }}>{data.region.name}医保问答</h1>
      {data.children.length > 0 && (
        <ul className={styles.chips} aria-label="下级地区">
          {data.children.map((c) => (
            <li key={c.code}><Link href={`/regions/${c.code}`}>{c.name}（{c.count}）</Link></li>
          ))}
        </ul>
      )}
      <ArticleList items={data.items} />
      <Pager page={data.page} total={data.total} pageSize={publicPageSize} href={(p) => `/regions/${data.region.code}?page=${p}`} />
    </>
  );
}
