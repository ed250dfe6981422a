import { z } from 'zod';

// The trash's boundaries: what its forms post and what its page's address holds.

const articleId = z.string().min(1).max(40);

/** Moving to the trash names the version the person saw (the confirmation page's). */
export const moveToTrashSchema = z.object({ articleId, version: z.coerce.number().int().positive() });

/** Restoring and deleting name the trash entry only: every rule is read from the database. */
export const trashEntrySchema = z.object({ articleId });

export const trashPageQuerySchema = z.object({
  page: z.coerce.number().int().min(1).max(100_000).catch(1),
  /** The article just moved here, to say so (the move redirects to the trash). */
  moved: articleId.optional().catch(undefined),
});
