import Link from 'next/link';
import { formatDateTime } from '@/lib/dates';

/** Where an article in the trash went, on its editor page: it can be edited once restored. */
export function TrashedNotice({ article }: { article: { title: string; deletedAt: Date | null; deletedBy: { name: string } | null } }) {
  return (
    <div className="alert warn" role="note">
      <p>
        《{article.title}》在回收站中
        {article.deletedBy && `（${article.deletedBy.name}${article.deletedAt ? `于 ${formatDateTime(article.deletedAt)} ` : ''}移入）`}。恢复后才能编辑。
      </p>
      <Link href="/admin/trash" className="button">
        打开回收站
      </Link>
    </div>
  );
}
