// The V8 heap limit of the app's long-running processes: the server (scripts/serve.ts) and the
// import (scripts/import.ts). V8 lets the heap grow to several times what is live before it
// collects, and how many times depends on the limit: up to 4× with the default limit (a quarter
// of the machine's memory), about 1.6× with 1 GB. An import of 10,000 pages keeps under 200 MB
// live but peaked at 780 MB RSS with the default limit and ~500 MB with this one, in the same
// time; nothing the app does comes near 1 GB live.
export const HEAP_LIMIT_FLAG = '--max-old-space-size=1024';

/** The server as a child process: Node with tsx as a loader, as the tests and benchmarks run it. */
export const serveArgs = [HEAP_LIMIT_FLAG, '--import', 'tsx', 'scripts/serve.ts'];
