import Link from 'next/link';
import styles from './public.module.css';
import type { PublicListItem } from '@/lib/public/queries';

export function ArticleList({ items }: { items: PublicListItem[] }) {
  if (items.length === 0) return <p className="muted">暂无文章。</p>;
  return (
    <ul className={styles.list} aria-label="文章列表">
      {items.map((item) => (
        <li key={item.slug}>
          <h2><Link href={`/a/${item.slug}`}>{item.title}</Link></h2>
          {item.summary && <p className={styles.summary}>{item.summary}</p>}
          <div className={styles.meta}>{item.contentDate && <span>{item.contentDate}</span>}</div>
        </li>
      ))}
    </ul>
  );
}

/** Links to the previous/next page of a listing; `href(page)` builds the URL. */
export function Pager({ page, total, pageSize, href }: { page: number; total: number; pageSize: number; href: (page: number) => string }) {
  const pages = Math.max(1, Math.ceil(total / pageSize));
  if (pages <= 1) return null;
  return (
    <nav className={styles.pager} aria-label="分页">
      {page > 1 && <Link className="button" href={href(page - 1)} rel="prev">上一页</Link>}
      <span className="muted">第 {page} / {pages} 页</span>
      {page < pages && <Link className="button" href={href(page + 1)} rel="next">下一页</Link>}
    </nav>
  );
}

