import 'server-only';
import { unstable_cache } from 'next/cache';

/**
 * Tags the public page being rendered. Next 16 (without Cache Components) stores a page with the
 * tags of the cached reads made while rendering it, so this is such a read, of nothing: the
 * page's data is read straight from the database once, and the page itself is what is cached.
 */
export async function tagPage(tags: string[]): Promise<void> {
  await unstable_cache(async () => true, ['page-tags', ...tags], { tags })();
}
