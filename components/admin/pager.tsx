import Link from 'next/link';
import styles from './admin.module.css';

/** An admin list's count and previous/next links; `href(page)` builds the address of a page. */
export function Pager({
  page,
  pageCount,
  total,
  unit,
  href,
}: {
  page: number;
  pageCount: number;
  total: number;
  unit: string;
  href: (page: number) => string;
}) {
  return (
    <nav aria-label="分页" className={styles.pager}>
      <span className="muted">
        共 {total} {unit}，第 {page} / {pageCount} 页
      </span>
      {page > 1 && (
        <Link className="button" href={href(Math.min(page - 1, pageCount))}>
          上一页
        </Link>
      )}
      {page < pageCount && (
        <Link className="button" href={href(page + 1)}>
          下一页
        </Link>
      )}
    </nav>
  );
}
