import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { serveArgs } from './node-heap';

// The production server (scripts/serve.ts) as a child process of a measuring script (the
// benchmarks and audits): on 127.0.0.1 at `port`, with SITE_URL on it and a fresh AUTH_SECRET.

/**
 * Starts the server with `env` on top of this process's and resolves once `/` answers. Its output
 * goes to this process's, or to the file descriptor `output` (a log that the caller reads).
 */
export async function startServeProcess(port: number, env: Record<string, string> = {}, { output }: { output?: number } = {}): Promise<ChildProcess> {
  const child = spawn(process.execPath, serveArgs, {
    env: {
      ...process.env,
      ...env,
      PORT: String(port),
      HOST: '127.0.0.1',
      SITE_URL: `http://127.0.0.1:${port}`,
      AUTH_SECRET: randomBytes(32).toString('base64url'),
    },
    stdio: ['ignore', output ?? 'inherit', output ?? 'inherit'],
  });
  const exited = new Promise<never>((_, reject) => child.once('exit', (code) => reject(new Error(`the server exited with ${code} before answering`))));
  exited.catch(() => {});
  const deadline = performance.now() + 60_000;
  while (performance.now() < deadline) {
    const up = await Promise.race([
      fetch(`http://127.0.0.1:${port}/`).then(
        (r) => r.arrayBuffer().then(() => true),
        () => false,
      ),
      exited,
    ]);
    if (up) return child;
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  child.kill('SIGTERM');
  throw new Error('the server did not answer within 60 s');
}

/** Stops it: scripts/serve.ts gives a running job two seconds and exits within five. */
export async function stopServeProcess(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  child.kill('SIGTERM');
  const timer = setTimeout(() => child.kill('SIGKILL'), 8000);
  await exited;
  clearTimeout(timer);
}
