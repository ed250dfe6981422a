import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import type { Jieba } from '@node-rs/jieba';
import { insuranceDictionary } from './insurance-dictionary';

// The process's one Chinese word segmenter (jieba, with the general dictionary and our insurance
// words), shared by search (lib/search/tokenize.ts: stored vectors and queries) and region
// detection (lib/regions/detect-regions.ts). Built on first use, never at import: the dictionary
// takes ~40 MB and ~0.4 s to build, and most processes that import these modules (the app
// server, the import CLI before it analyses a page) need no segmentation for a long time or at
// all. Even the native module and the dictionary file (5 MB) are read only then.

let segmenter: Jieba | undefined;

/** The shared segmenter, built on the first call. */
export function getSegmenter(): Jieba {
  if (!segmenter) {
    const require = createRequire(import.meta.url);
    const { Jieba } = require('@node-rs/jieba') as typeof import('@node-rs/jieba');
    // The file `@node-rs/jieba/dict` reads, without that module's copy of it (and of the 6 MB
    // keyword-weight file we do not use) held for the life of the process.
    const built = Jieba.withDict(readFileSync(require.resolve('@node-rs/jieba/dict.txt')));
    built.loadDict(insuranceDictionary());
    segmenter = built;
  }
  return segmenter;
}

/** True once getSegmenter has built the segmenter in this process (for tests and measurements). */
export function segmenterLoaded(): boolean {
  return segmenter !== undefined;
}
