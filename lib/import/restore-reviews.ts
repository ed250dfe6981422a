import type { Tx } from '@/lib/db/client';
import type { RecordReview } from '@/lib/export/article-record';

// The reviews of an article restored from an NDJSON export (see README "Export and re-import"):
// written only when the record creates the article, as exported (decision, comment, the version
// reviewed, date). The reviewer is mapped by email to an existing account, as createdBy and
// updatedBy are; no account is ever created. A review needs its reviewer (Review.reviewerId is
// required), so one whose reviewer has no account here is left out, with a warning.

/** Writes the reviews of a new article; returns a warning per reviewer who has no account here. */
export async function restoreReviews(tx: Tx, articleId: string, reviews: RecordReview[] | undefined): Promise<string[]> {
  if (!reviews?.length) return [];
  const emails = [...new Set(reviews.map((r) => r.reviewer))];
  const users = await tx.user.findMany({ where: { email: { in: emails } }, select: { id: true, email: true } });
  const idByEmail = new Map(users.map((u) => [u.email, u.id]));
  const rows = reviews.flatMap((review) => {
    const reviewerId = idByEmail.get(review.reviewer);
    return reviewerId
      ? [
          {
            articleId,
            reviewerId,
            articleVersion: review.articleVersion,
            decision: review.decision,
            comment: review.comment,
            createdAt: new Date(review.createdAt),
          },
        ]
      : [];
  });
  if (rows.length) await tx.review.createMany({ data: rows });
  const skipped = new Map<string, number>();
  for (const review of reviews) if (!idByEmail.has(review.reviewer)) skipped.set(review.reviewer, (skipped.get(review.reviewer) ?? 0) + 1);
  return [...skipped].map(([email, count]) => `审核人 ${email} 在本库没有账号，其 ${count} 条审核记录未恢复。`);
}
