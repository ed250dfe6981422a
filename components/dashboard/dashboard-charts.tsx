import type { ReactNode } from 'react';
import styles from '@/components/admin/admin.module.css';
import type { MonthCounts, ProvinceCounts } from '@/lib/articles/stats';
import { monthData, provinceData } from './chart-data';
import { PagesBarChart, type PagesBarDatum } from './pages-bar-chart';

/** The figures behind a chart as a table: readable without the chart and without a pointer. */
function ChartTable({ data, caption, heading }: { data: PagesBarDatum[]; caption: string; heading: string }) {
  return (
    <details>
      <summary className="muted">查看数据表</summary>
      <table className="data" style={{ marginTop: 8 }}>
        <caption className="visually-hidden">{caption}</caption>
        <thead>
          <tr>
            <th scope="col">{heading}</th>
            <th scope="col">已发布</th>
            <th scope="col">未发布</th>
          </tr>
        </thead>
        <tbody>
          {data.map((d) => (
            <tr key={d.key}>
              <th scope="row">{d.fullLabel}</th>
              <td>{d.published ? <a href={d.publishedHref}>{d.published}</a> : 0}</td>
              <td>{d.unpublished ? <a href={d.unpublishedHref}>{d.unpublished}</a> : 0}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </details>
  );
}

function ChartSection({ id, title, note, empty, children }: { id: string; title: string; note: string; empty: boolean; children: ReactNode }) {
  return (
    <section aria-labelledby={id} className={styles.card} style={{ marginTop: 16 }} data-testid={id}>
      <h2 id={id} style={{ margin: '0 0 4px', fontSize: 17 }}>
        {title}
      </h2>
      <p className="muted" style={{ margin: '0 0 12px', fontSize: 13 }}>
        {note}
      </p>
      {empty ? <p className="muted">暂无数据</p> : children}
    </section>
  );
}

const countingNote = '已发布：状态为“已发布”；未发布：草稿、审核中、需修改、已批准。已下线和回收站中的文章不计。点击柱子打开相应筛选的文章列表。';

export function ProvinceChart({ rows }: { rows: ProvinceCounts[] }) {
  const data = provinceData(rows);
  return (
    <ChartSection
      id="chart-by-province"
      title="各省文章数"
      note={`按地区标签统计，标注某省或其下市县的文章都计入该省；标注多个省份的文章在每个省各计一次，未标注地区的文章不计。${countingNote}`}
      empty={data.length === 0}
    >
      <PagesBarChart data={data} orientation="horizontal" height={Math.max(160, data.length * 26 + 60)} label="各省已发布和未发布的文章数" />
      <ChartTable data={data} caption="各省文章数" heading="省份" />
    </ChartSection>
  );
}

export function MonthChart({ rows }: { rows: MonthCounts[] }) {
  const data = monthData(rows);
  const empty = data.every((d) => d.published + d.unpublished === 0);
  return (
    <ChartSection
      id="chart-by-month"
      title={`按内容日期的月份（近 ${data.length} 个月）`}
      note={`按文章的内容日期统计，没有内容日期的文章不计。${countingNote}`}
      empty={empty}
    >
      <PagesBarChart data={data} orientation="vertical" height={320} label="每月已发布和未发布的文章数" />
      <ChartTable data={data} caption="每月文章数" heading="月份" />
    </ChartSection>
  );
}
