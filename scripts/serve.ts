// The production server: `npm run demo`, `npm start` and the e2e tests run this file.
// With WEB_CONCURRENCY=N (N > 1) it forks N processes that share the port (node:cluster), so that
// a machine's cores all serve pages; each runs the app server of scripts/lib/app-server.ts, with
// a page cache of its own kept fresh by the public change feed (or one shared cache, with
// REDIS_URL). The first process also runs the background jobs. Without it, the app server runs
// in this process.
import cluster, { type Worker } from 'node:cluster';
import { serverProcessCount } from './lib/server-processes';

const processes = serverProcessCount();
// What `next start` sets and a custom server must: Next and the packages it loads at run time
// choose their production builds by it. This file is the production server, also in the tests.
Object.assign(process.env, { NODE_ENV: 'production' });

if (!cluster.isPrimary || processes === 1) {
  await import('./lib/app-server');
} else {
  let stopping = false;
  const fork = (index: number): Worker => {
    const worker = cluster.fork({ SERVER_PROCESS_INDEX: String(index) });
    worker.on('exit', (code, signal) => {
      if (stopping) return;
      // A process that died is replaced; the others serve meanwhile.
      console.error(`server process ${index} (pid ${worker.process.pid}) exited (${signal ?? `code ${code}`}); starting another`);
      setTimeout(() => fork(index), 1000);
    });
    return worker;
  };
  for (let index = 0; index < processes; index++) fork(index);

  const stop = () => {
    if (stopping) return;
    stopping = true;
    for (const worker of Object.values(cluster.workers ?? {})) worker?.process.kill('SIGTERM');
  };
  cluster.on('exit', () => {
    if (stopping && Object.keys(cluster.workers ?? {}).length === 0) process.exit(0);
  });
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}
