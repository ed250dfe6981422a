import Link from 'next/link';
import styles from '@/components/admin/admin.module.css';
import { PageHeader } from '@/components/admin/page-header';
import { MonthChart, ProvinceChart } from '@/components/dashboard/dashboard-charts';
import { countByStatus } from '@/lib/articles/queries';
import { articleStatuses } from '@/lib/articles/list-query';
import { countPagesByMonth, countPagesByProvince } from '@/lib/articles/stats';
import { requireUser } from '@/lib/auth/session';
import { statusLabels } from '@/lib/workflow/transitions';

export default async function AdminHome({ searchParams }: { searchParams: Promise<{ denied?: string }> }) {
  await requireUser();
  const [counts, provinces, months, { denied }] = await Promise.all([countByStatus(), countPagesByProvince(), countPagesByMonth(), searchParams]);
  return (
    <>
      <PageHeader title="概览" />
      {denied && (
        <p className="alert error" role="alert">
          你没有访问该页面的权限。
        </p>
      )}
      <div className={styles.grid}>
        {articleStatuses.map((status) => (
          <Link key={status} href={`/admin/articles?status=${status}`} className={styles.card} style={{ textDecoration: 'none', color: 'inherit' }}>
            <div className="muted">{statusLabels[status]}</div>
            <div className={styles.stat}>{counts[status] ?? 0}</div>
          </Link>
        ))}
      </div>
      <ProvinceChart rows={provinces} />
      <MonthChart rows={months} />
    </>
  );
}
