import Link from 'next/link';
import styles from '@/components/public/public.module.css';
import { getMonthsWithCounts } from '@/lib/public/queries';

export const dynamic = 'force-dynamic';

export const metadata = { title: '按月份浏览' };

export default async function MonthsPage() {
  const months = await getMonthsWithCounts();
  return (
    <>
      <h1 style={{ fontSize: 24 }}>按月份浏览</h1>
      {months.length === 0 && <p className="muted">暂无文章。</p>}
      <ul className={styles.chips}>
        {months.map((m) => (
          <li key={m.month}><Link href={`/months/${m.month}`}>{m.month.replace('-', ' 年 ')} 月（{m.count}）</Link></li>
        ))}
      </ul>
    </>
  );
}
