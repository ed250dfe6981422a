import Link from 'next/link';
import styles from '@/components/public/public.module.css';
import { getProvincesWithCounts } from '@/lib/public/queries';

export const dynamic = 'force-dynamic';

export const metadata = { title: '按地区浏览' };

export default async function RegionsPage() {
  const provinces = await getProvincesWithCounts();
  return (
    <>
      <h1 style={{ fontSize: 24 }}>按地区浏览</h1>
      {provinces.length === 0 && <p className="muted">暂无按地区分类的文章。</p>}
      <ul className={styles.chips}>
        {provinces.map((p) => (
          <li key={p.code}><Link href={`/regions/${p.code}`}>{p.name}（{p.count}）</Link></li>
        ))}
      </ul>
    </>
  );
}
