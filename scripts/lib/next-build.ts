import { spawn } from 'node:child_process';
import { readdir, stat } from 'node:fs/promises';
import path from 'node:path';

const sourceDirs = ['app', 'components', 'lib', 'public'];
const sourceFiles = ['next.config.ts', 'package.json', 'proxy.ts', 'prisma/schema.prisma'];

async function newestMtime(target: string): Promise<number> {
  const info = await stat(target).catch(() => null);
  if (!info) return 0;
  if (!info.isDirectory()) return info.mtimeMs;
  const entries = await readdir(target);
  const times = await Promise.all(entries.map((e) => newestMtime(path.join(target, e))));
  return Math.max(info.mtimeMs, ...times);
}

/** True when there is no production build or a source file is newer than it. */
export async function buildIsStale(): Promise<boolean> {
  const built = await stat(path.join(process.env.NEXT_DIST_DIR ?? '.next', 'BUILD_ID')).catch(() => null);
  if (!built) return true;
  const times = await Promise.all([...sourceDirs, ...sourceFiles].map((p) => newestMtime(p)));
  return Math.max(...times) > built.mtimeMs;
}

export function run(command: string, args: string[], env: NodeJS.ProcessEnv = process.env): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { stdio: 'inherit', env });
    child.once('error', reject);
    child.once('exit', (code) => (code === 0 ? resolve() : reject(new Error(`${command} ${args.join(' ')} exited with ${code}`))));
  });
}

export function nextBin(): string {
  return path.join(process.cwd(), 'node_modules', '.bin', 'next');
}

export function tsxBin(): string {
  return path.join(process.cwd(), 'node_modules', '.bin', 'tsx');
}
