import type { Metadata } from 'next';
import Link from 'next/link';
import { notFound, permanentRedirect } from 'next/navigation';
import { JsonLd } from '@/components/public/json-ld';
import styles from '@/components/public/public.module.css';
import { renderBodyHtml } from '@/lib/content/render-html';
import { articleStructuredData, lastChanged } from '@/lib/public/page-structured-data';
import { getArticleAddress, getPublicSiteSettings } from '@/lib/public/queries';
import { pageMetadata } from '@/lib/public/site-metadata';

// Rendered on the first request for each slug, then served from the cache until a change to
// what it shows expires its tags (lib/public-cache).
export const revalidate = false;
export const dynamicParams = true;
export function generateStaticParams() {
  return [];
}

type Props = { params: Promise<{ slug: string }> };

async function load(params: Props['params']) {
  const { slug } = await params;
  if (!/^[a-z0-9-]{1,120}$/.test(slug)) notFound();
  const address = await getArticleAddress(slug);
  if (!address) notFound();
  // An address the article had before a rename.
  if ('movedTo' in address) permanentRedirect(`/a/${address.movedTo}`);
  return address.article;
}

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const article = await load(params);
  return pageMetadata(await getPublicSiteSettings(), {
    path: `/a/${article.slug}`,
    title: article.title,
    description: article.summary,
    type: 'article',
    publishedAt: article.publishedAt,
    updatedAt: lastChanged(article),
  });
}

export default async function ArticlePage({ params }: Props) {
  const article = await load(params);
  const settings = await getPublicSiteSettings();
  return (
    <article className={styles.article}>
      {articleStructuredData(article, settings).map((data, i) => (
        <JsonLd key={i} data={data} />
      ))}
      <h1 className={styles.articleTitle}>{article.title}</h1>
      <div className={styles.meta}>
        {article.contentDate && <span>内容日期：<Link href={`/months/${article.contentDate.slice(0, 7)}`}>{article.contentDate}</Link></span>}
        {article.policyYears.length > 0 && <span data-testid="policy-years">政策年份：{article.policyYears.map((year) => `${year}年`).join('、')}</span>}
        {article.regions.map((r) => (
          <Link key={r.code} href={`/regions/${r.code}`}>{r.name}</Link>
        ))}
      </div>
      <div className="prose" dangerouslySetInnerHTML={{ __html: renderBodyHtml(article.body) }} />
      {article.disclaimer && <p className={styles.disclaimer} role="note">{article.disclaimer}</p>}
      {article.recommendations.length > 0 && (
        <section aria-label="相关推荐">
          <h2 className={styles.sectionTitle}>相关推荐</h2>
          <ul className={styles.cards}>
            {article.recommendations.map((item, i) => (
              <li key={i} className={styles.card}>
                <h3>{item.href ? <Link href={item.href}>{item.title}</Link> : item.title}</h3>
                {item.summary && <p>{item.summary}</p>}
                <div className={styles.meta}>
                  {item.category && <span>{item.category}</span>}
                  {item.itemDate && <span>{item.itemDate}</span>}
                </div>
              </li>
            ))}
          </ul>
        </section>
      )}
    </article>
  );
}
