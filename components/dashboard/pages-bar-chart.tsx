'use client';

import { useRouter } from 'next/navigation';
import { Bar, BarChart, CartesianGrid, Legend, Rectangle, Tooltip, XAxis, YAxis, type BarShapeProps } from 'recharts';

/** One bar of the dashboard: published and unpublished pages, stacked, each part linking to the table. */
export type PagesBarDatum = {
  key: string;
  /** Axis label (short). */
  label: string;
  /** Spoken label of the bar's links, e.g. 广东省 or 2025年4月. */
  fullLabel: string;
  published: number;
  unpublished: number;
  publishedHref: string;
  unpublishedHref: string;
};

const series = [
  { key: 'published', name: '已发布', color: '#0b6e4f', href: 'publishedHref' },
  { key: 'unpublished', name: '未发布', color: '#b7791f', href: 'unpublishedHref' },
] as const;

type Series = (typeof series)[number];

// Horizontal bars suit a long list of provinces (names stay readable); vertical ones suit months.
export function PagesBarChart({
  data,
  orientation,
  height,
  label,
}: {
  data: PagesBarDatum[];
  orientation: 'horizontal' | 'vertical';
  height: number;
  label: string;
}) {
  const router = useRouter();
  const horizontal = orientation === 'horizontal';

  // Each part of a bar is an SVG link (keyboard-focusable, named for screen readers) to the
  // table filtered the same way; a plain click navigates inside the app.
  function linkedShape(s: Series) {
    function LinkedBar(props: BarShapeProps) {
      const datum = props.payload as PagesBarDatum;
      const value = datum[s.key];
      if (!value) return <g />;
      const href = datum[s.href];
      return (
        <a
          href={href}
          aria-label={`${datum.fullLabel} ${s.name} ${value} 篇`}
          onClick={(event) => {
            if (event.metaKey || event.ctrlKey || event.shiftKey || event.button !== 0) return;
            event.preventDefault();
            router.push(href);
          }}
        >
          <Rectangle {...props} fill={s.color} style={{ cursor: 'pointer' }} />
        </a>
      );
    }
    return LinkedBar;
  }

  return (
    <BarChart
      responsive
      data={data}
      layout={horizontal ? 'vertical' : 'horizontal'}
      style={{ width: '100%', height }}
      margin={{ top: 8, right: 16, bottom: 8, left: 8 }}
      title={label}
    >
      <CartesianGrid strokeDasharray="3 3" horizontal={!horizontal} vertical={horizontal} />
      {horizontal ? (
        <>
          <XAxis type="number" allowDecimals={false} />
          <YAxis type="category" dataKey="label" width={72} interval={0} />
        </>
      ) : (
        <>
          <XAxis type="category" dataKey="label" interval="preserveStartEnd" />
          <YAxis type="number" allowDecimals={false} width={48} />
        </>
      )}
      <Tooltip
        formatter={(value, name) => [`${value} 篇`, name]}
        labelFormatter={(_label, payload) => (payload?.[0]?.payload as PagesBarDatum | undefined)?.fullLabel ?? ''}
      />
      {/* Legend text in the body colour: the series colours are too light for text. */}
      <Legend formatter={(value) => <span style={{ color: 'var(--fg)' }}>{value}</span>} />
      {series.map((s) => (
        <Bar key={s.key} dataKey={s.key} name={s.name} stackId="pages" fill={s.color} shape={linkedShape(s)} isAnimationActive={false} />
      ))}
    </BarChart>
  );
}
