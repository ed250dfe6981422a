import { notFound } from 'next/navigation';
import { PageHeader } from '@/components/admin/page-header';
import { TrashConfirmation } from '@/components/trash/trash-confirmation';
import { requireUser } from '@/lib/auth/session';
import { readTrashConfirmation } from '@/lib/trash/queries';

export const metadata = { title: '移到回收站' };

export default async function TrashArticlePage({ params }: { params: Promise<{ id: string }> }) {
  const user = await requireUser('article:delete-own-draft');
  const { id } = await params;
  const article = await readTrashConfirmation(user, id);
  if (!article) notFound();
  return (
    <>
      <PageHeader title={`移到回收站：${article.title}`} />
      <TrashConfirmation article={article} />
    </>
  );
}
