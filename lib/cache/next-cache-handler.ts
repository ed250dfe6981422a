// The file next.config.ts names as `cacheHandler` when REDIS_URL is set. Next imports it with
// Node's import() at run time (not bundled): scripts/serve.ts runs under tsx, which loads the
// TypeScript. A default export because that is what Next reads.
import { readFileSync } from 'node:fs';
import { createRedisCacheHandler } from './redis-cache-handler';

const url = process.env.REDIS_URL;
if (!url) throw new Error('lib/cache/next-cache-handler.ts is configured only when REDIS_URL is set');

// Entries of one build must not be served by another (a page names its build's script files), so
// the build id is part of every entry's key. Next runs this from the project folder (scripts/serve.ts).
const buildId = readFileSync(`${process.env.NEXT_DIST_DIR ?? '.next'}/BUILD_ID`, 'utf8').trim();

export default createRedisCacheHandler({ url, keyPrefix: `${process.env.REDIS_KEY_PREFIX ?? 'baoda'}:`, buildId });
