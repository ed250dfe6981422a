import type { Metadata } from 'next';
import { notFound, permanentRedirect } from 'next/navigation';
import { JsonLd } from '@/components/public/json-ld';
import { ArticleView } from '@/components/public/article-view';
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
    <ArticleView article={article}>
      {articleStructuredData(article, settings).map((data, i) => (
        <JsonLd key={i} data={data} />
      ))}
    </ArticleView>
  );
}
