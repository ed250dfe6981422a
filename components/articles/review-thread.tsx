import { formatDateTime } from '@/lib/dates';

export type ReviewThreadItem = {
  id: string;
  reviewerName: string;
  decision: 'APPROVED' | 'CHANGES_REQUESTED';
  articleVersion: number;
  comment: string;
  createdAt: Date;
};

/** The review decisions on an article, newest first, each with the version it was made on. */
export function ReviewThread({ reviews, currentVersion }: { reviews: ReviewThreadItem[]; currentVersion: number }) {
  if (reviews.length === 0) return null;
  return (
    <>
      <h2 style={{ fontSize: 15 }}>审核记录</h2>
      <ul style={{ paddingLeft: 18, fontSize: 14 }} aria-label="审核记录">
        {reviews.map((r) => (
          <li key={r.id}>
            {r.reviewerName} {r.decision === 'APPROVED' ? '批准' : '退回修改'}（版本 {r.articleVersion}
            {r.articleVersion !== currentVersion && '，较早版本'}，{formatDateTime(r.createdAt)}）{r.comment && <div className="muted">“{r.comment}”</div>}
          </li>
        ))}
      </ul>
    </>
  );
}
