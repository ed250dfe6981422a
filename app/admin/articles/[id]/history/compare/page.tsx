import Link from 'next/link';
import { notFound } from 'next/navigation';
import { z } from 'zod';
import { PageHeader } from '@/components/admin/page-header';
import { VersionDiffView } from '@/components/revisions/version-diff';
import { requireUser } from '@/lib/auth/session';
import { diffVersions } from '@/lib/revisions/diff';
import { getVersion } from '@/lib/revisions/queries';

export const metadata = { title: '版本对比' };

const querySchema = z.object({
  from: z.coerce.number().int().min(1),
  to: z.coerce.number().int().min(1),
  view: z.enum(['inline', 'split']).catch('inline'),
});

type Props = { params: Promise<{ id: string }>; searchParams: Promise<Record<string, string | string[] | undefined>> };

export default async function ComparePage({ params, searchParams }: Props) {
  await requireUser('article:read-draft');
  const { id } = await params;
  const query = querySchema.safeParse(await searchParams);
  if (!query.success) notFound();
  const { from, to, view } = query.data;
  const [before, after] = await Promise.all([getVersion(id, from), getVersion(id, to)]);
  if (!before || !after) notFound();
  const href = (v: 'inline' | 'split') => `/admin/articles/${id}/history/compare?from=${from}&to=${to}&view=${v}`;
  return (
    <>
      <PageHeader title={`版本 ${from} → 版本 ${to}`}>
        <Link href={`/admin/articles/${id}/history`} className="button">
          历史版本
        </Link>
        <Link href={href('inline')} className={`button${view === 'inline' ? ' primary' : ''}`} aria-current={view === 'inline' ? 'page' : undefined}>
          合并视图
        </Link>
        <Link href={href('split')} className={`button${view === 'split' ? ' primary' : ''}`} aria-current={view === 'split' ? 'page' : undefined}>
          并排视图
        </Link>
      </PageHeader>
      <p className="muted">{after.title}</p>
      <VersionDiffView diff={diffVersions(before, after)} view={view} beforeLabel={`版本 ${from}`} afterLabel={`版本 ${to}`} />
    </>
  );
}
