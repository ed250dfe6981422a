import { z } from 'zod';

// The trash's boundaries: what its forms post and what its page's address holds. The forms post
// hidden fields only, so anything refused here was changed outside the page.

const invalid = '请求无效，请刷新页面后重试';
const articleId = z.string({ error: invalid }).min(1, invalid).max(40, invalid);

/** Moving to the trash names the version the person saw (the confirmation page's). */
export const moveToTrashSchema = z.object({ articleId, version: z.coerce.number({ error: invalid }).int(invalid).positive(invalid) });

/** Restoring and deleting name the trash entry only: every rule is read from the database. */
export const trashEntrySchema = z.object({ articleId });

export const trashPageQuerySchema = z.object({
  page: z.coerce.number().int().min(1).max(100_000).catch(1),
  /** The article just moved here, to say so (the move redirects to the trash). */
  moved: articleId.optional().catch(undefined),
});
