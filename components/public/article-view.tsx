import Link from 'next/link';
import { renderBodyHtml } from '@/lib/content/render-html';
import type { PublishedArticle } from '@/lib/public/queries';
import styles from './public.module.css';

/** An article as readers see it: the public page, and the reviewer's preview of a version. */
export function ArticleView({ article, children }: { article: PublishedArticle; children?: React.ReactNode }) {
  return (
    <article className={styles.article}>
      {children}
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
