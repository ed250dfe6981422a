import Link from 'next/link';
import { PageHeader } from '@/components/admin/page-header';
import { Pager } from '@/components/admin/pager';
import { TrashTable } from '@/components/trash/trash-table';
import { roleHas } from '@/lib/auth/permissions';
import { requireUser } from '@/lib/auth/session';
import { readTrashPage } from '@/lib/trash/queries';
import { trashRetentionDays } from '@/lib/trash/retention';
import { trashPageQuerySchema } from '@/lib/trash/schemas';

export const metadata = { title: '回收站' };

type Props = { searchParams: Promise<Record<string, string | string[] | undefined>> };

export default async function TrashPage({ searchParams }: Props) {
  const user = await requireUser('article:delete-own-draft');
  const raw = Object.fromEntries(Object.entries(await searchParams).map(([key, value]) => [key, Array.isArray(value) ? value[0] : value]));
  const query = trashPageQuerySchema.parse(raw);
  const { rows, total, pageCount } = await readTrashPage(user, query.page);
  const moved = query.moved ? rows.find((row) => row.id === query.moved) : undefined;
  return (
    <>
      <PageHeader title="回收站" />
      {moved && (
        <p className="alert success" role="status">
          已移到回收站：{moved.title}
        </p>
      )}
      <p className="muted">
        回收站中的文章不会出现在网站和文章列表中，移入 {trashRetentionDays} 天后自动永久删除（连同全部历史版本）。恢复的文章成为草稿，需重新审核后才能发布。
        {roleHas(user.role, 'article:delete-permanently') ? '' : '你可以恢复自己移到这里的文章；永久删除只限管理员。'}
      </p>
      {total === 0 && (
        <p>
          回收站是空的。<Link href="/admin/articles">返回文章列表</Link>
        </p>
      )}
      <TrashTable rows={rows} />
      {total > 0 && (
        <Pager page={query.page} pageCount={pageCount} total={total} unit="篇" href={(page) => (page > 1 ? `/admin/trash?page=${page}` : '/admin/trash')} />
      )}
    </>
  );
}
