import Link from 'next/link';
import { SEARCH_PAGE_SIZE, type SearchResults } from '@/lib/search/search-published';
import type { SnippetSegment } from '@/lib/search/snippet';
import styles from './public.module.css';

// Snippets are text segments: React escapes them, and only <mark> is ours.
function Snippet({ segments }: { segments: SnippetSegment[] }) {
  return (
    <p className={styles.snippet}>
      {segments.map((s, i) => (s.mark ? <mark key={i}>{s.text}</mark> : <span key={i}>{s.text}</span>))}
    </p>
  );
}

function searchHref(q: string, page: number): string {
  const params = new URLSearchParams({ q });
  if (page > 1) params.set('page', String(page));
  return `/search?${params}`;
}

export function SearchResultsView({ q, results }: { q: string; results: SearchResults }) {
  if (results.total === 0) {
    return (
      <div className={styles.searchEmpty}>
        <p>没有找到与“{q}”相关的内容。</p>
        <p className="muted">试试更短的词（如“医保”“断缴”），或换一种说法（如“跨省就医”）。</p>
      </div>
    );
  }
  const { page, pageCount } = results;
  return (
    <>
      <p className="muted" role="status">{results.totalIsEstimate ? '约' : '共'} {results.total.toLocaleString('zh-CN')} 条结果{results.total > pageCount * SEARCH_PAGE_SIZE ? `，显示最新的 ${pageCount * SEARCH_PAGE_SIZE} 条中最相关的` : ''}</p>
      {results.hits.length === 0 ? (
        <p className="muted">这一页没有结果。</p>
      ) : (
        <ol className={styles.list} aria-label="搜索结果">
          {results.hits.map((hit) => (
            <li key={hit.id}>
              <h2><Link href={`/a/${hit.slug}`}>{hit.title}</Link></h2>
              <Snippet segments={hit.snippet} />
              <div className={styles.meta}>{hit.date && <time dateTime={hit.date}>{hit.date}</time>}</div>
            </li>
          ))}
        </ol>
      )}
      {pageCount > 1 && (
        <nav className={styles.pager} aria-label="分页">
          {page > 1 && <Link className="button" href={searchHref(q, page - 1)} rel="prev">上一页</Link>}
          <span className="muted">第 {page} / {pageCount} 页</span>
          {page < pageCount && <Link className="button" href={searchHref(q, page + 1)} rel="next">下一页</Link>}
        </nav>
      )}
    </>
  );
}
