import Link from 'next/link';
import { PageHeader } from '@/components/admin/page-header';
import { ImportForm } from '@/components/import/import-form';
import { requireUser } from '@/lib/auth/session';

export const metadata = { title: '导入' };

export default async function ImportPage() {
  await requireUser('article:import');
  return (
    <>
      <PageHeader title="导入抓取页面">
        <Link href="/admin/import/history" className="button">
          导入记录
        </Link>
      </PageHeader>
      <p className="muted">
        每个页面成为一篇草稿；重复导入相同内容不会产生重复文章。页面有变化时更新草稿并留下新版本；编辑改过的文章不会被覆盖（报告为冲突），已发布的版本不会被导入改动。
      </p>
      <ImportForm />
    </>
  );
}
