import { createRequire } from 'node:module';
import type { Jieba } from '@node-rs/jieba';
import { insuranceDictionary } from './insurance-dictionary';

// The process's one Chinese word segmenter (jieba, with the general dictionary and our insurance
// words), shared by search (lib/search/tokenize.ts: stored vectors and queries) and region
// detection (lib/regions/detect-regions.ts). Built on first use, never at import: the dictionary
// takes ~40 MB and ~0.4 s to build, and most processes that import these modules (the app
// server, the import CLI before it analyses a page) need no segmentation for a long time or at
// all. Even the native module and the dictionary files are loaded only then.

let segmenter: Jieba | undefined;

/** The shared segmenter, built on the first call. */
export function getSegmenter(): Jieba {
  if (!segmenter) {
    const require = createRequire(import.meta.url);
    const { Jieba } = require('@node-rs/jieba') as typeof import('@node-rs/jieba');
    // Required here, not imported: the module reads its dictionary files (11 MB) when loaded. A
    // plain require keeps Next's bundle loading it from node_modules (next.config.ts lists the
    // package as external; the bundler refuses a require.resolve of its .txt file).
    const { dict } = require('@node-rs/jieba/dict') as typeof import('@node-rs/jieba/dict');
    const built = Jieba.withDict(dict);
    built.loadDict(insuranceDictionary());
    segmenter = built;
  }
  return segmenter;
}

/** True once getSegmenter has built the segmenter in this process (for tests and measurements). */
export function segmenterLoaded(): boolean {
  return segmenter !== undefined;
}
