import { PageHeader } from '@/components/admin/page-header';
import { NewArticleForm } from '@/components/articles/new-article-form';
import { requireUser } from '@/lib/auth/session';

export const metadata = { title: '新建文章' };

export default async function NewArticlePage() {
  await requireUser('article:create');
  return (
    <>
      <PageHeader title="新建文章" />
      <NewArticleForm />
    </>
  );
}
