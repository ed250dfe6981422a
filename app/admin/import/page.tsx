import { PageHeader } from '@/components/admin/page-header';
import { ImportForm } from '@/components/import/import-form';
import { requireUser } from '@/lib/auth/session';

export const metadata = { title: '导入' };

export default async function ImportPage() {
  await requireUser('article:import');
  return (
    <>
      <PageHeader title="导入抓取页面" />
      <p className="muted">选择一个或多个 .txt 页面文件。每个页面成为一篇草稿；重复导入相同内容不会产生重复文章。</p>
      <ImportForm />
    </>
  );
}
