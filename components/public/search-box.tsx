import { MAX_QUERY_CHARS } from '@/lib/search/query-text';
import styles from './public.module.css';

/** A plain GET form to /search: works without JavaScript, and the result page is a link to share. */
export function SearchBox({ defaultValue = '', id = 'site-search-q', name = '站内搜索' }: { defaultValue?: string; id?: string; name?: string }) {
  // Each search landmark on a page needs a name of its own (the header's and the search page's).
  return (
    <form action="/search" method="get" role="search" aria-label={name} className={styles.searchBox}>
      <label htmlFor={id} className="visually-hidden">搜索医保问答</label>
      <input id={id} type="search" name="q" defaultValue={defaultValue} placeholder="搜索：断缴、异地就医…" maxLength={MAX_QUERY_CHARS} enterKeyHint="search" />
      <button type="submit" className="button">搜索</button>
    </form>
  );
}
