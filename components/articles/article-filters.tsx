import { scheduleFilterLabels, scheduleFilters, statusFilterLabels, statusFilters, type ArticleListQuery } from '@/lib/articles/list-query';
import { RegionSelect } from '@/components/regions/region-select';
import { MAX_QUERY_CHARS } from '@/lib/search/query-text';

// A plain GET form: the filters become the URL, so a filtered view can be bookmarked and shared.
export function ArticleFilters({ query, regionName }: { query: ArticleListQuery; regionName: string | null }) {
  return (
    <form
      method="get"
      action="/admin/articles"
      role="search"
      aria-label="筛选文章"
      style={{ display: 'flex', flexWrap: 'wrap', gap: 12, alignItems: 'flex-end', marginBottom: 16 }}
    >
      <div>
        <label htmlFor="filter-q">关键词</label>
        <input id="filter-q" name="q" defaultValue={query.q ?? ''} placeholder="标题或链接名" maxLength={MAX_QUERY_CHARS} />
      </div>
      <div>
        <label htmlFor="filter-status">状态</label>
        <select id="filter-status" name="status" defaultValue={query.status ?? ''}>
          <option value="">全部</option>
          {statusFilters.map((s) => (
            <option key={s} value={s}>
              {statusFilterLabels[s]}
            </option>
          ))}
        </select>
      </div>
      <div>
        <label htmlFor="filter-scheduled">定时</label>
        <select id="filter-scheduled" name="scheduled" defaultValue={query.scheduled ?? ''}>
          <option value="">全部</option>
          {scheduleFilters.map((s) => (
            <option key={s} value={s}>
              {scheduleFilterLabels[s]}
            </option>
          ))}
        </select>
      </div>
      <div>
        <label htmlFor="filter-region">地区</label>
        <RegionSelect id="filter-region" name="region" initial={query.region ? { code: query.region, name: regionName ?? query.region } : null} />
      </div>
      <div>
        <label htmlFor="filter-from">内容日期从</label>
        <input id="filter-from" name="from" type="date" defaultValue={query.from ?? ''} />
      </div>
      <div>
        <label htmlFor="filter-to">到</label>
        <input id="filter-to" name="to" type="date" defaultValue={query.to ?? ''} />
      </div>
      <input type="hidden" name="sort" value={query.sort} />
      <input type="hidden" name="dir" value={query.dir} />
      <input type="hidden" name="size" value={query.size} />
      <button type="submit" className="button primary">
        筛选
      </button>
      {/* oxlint-disable-next-line nextjs/no-html-link-for-pages -- a full load on purpose: it empties the uncontrolled fields */}
      <a href="/admin/articles" className="button">
        清除
      </a>
    </form>
  );
}
