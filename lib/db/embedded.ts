import { mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import net from 'node:net';
import path from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { pg_trgm } from '@electric-sql/pglite/contrib/pg_trgm';
import { PGLiteSocketServer } from '@electric-sql/pglite-socket';

// The embedded database is PGlite served over the PostgreSQL wire protocol, so the app, the
// CLI and the tests use the same `pg` driver and Prisma adapter as with a real server.
// One process owns a data folder; it records its port in server.json for other commands.

export const defaultEmbeddedDir = path.join(process.cwd(), '.data', 'pglite');

export type EmbeddedDatabase = { url: string; stop: () => Promise<void> };

type ServerInfo = { pid: number; port: number };

export function embeddedUrl(port: number): string {
  return `postgresql://postgres@127.0.0.1:${port}/postgres`;
}

export async function startEmbeddedDatabase(options: { dataDir?: string | null; port?: number } = {}): Promise<EmbeddedDatabase> {
  const dataDir = options.dataDir === undefined ? defaultEmbeddedDir : options.dataDir;
  if (dataDir) await mkdir(dataDir, { recursive: true });
  // In-memory when dataDir is null (tests); persisted otherwise.
  const pg = await PGlite.create(dataDir ? path.join(dataDir, 'pgdata') : undefined, { extensions: { pg_trgm } });
  const port = options.port ?? (await freePort());
  // At the default of one connection, an SQL error breaks the next query (../shared/PLATFORM.md).
  const server = new PGLiteSocketServer({ db: pg, host: '127.0.0.1', port, maxConnections: 16 });
  await server.start();
  const infoFile = dataDir ? path.join(dataDir, 'server.json') : null;
  if (infoFile) await writeFile(infoFile, JSON.stringify({ pid: process.pid, port } satisfies ServerInfo));
  let stopped = false;
  return {
    url: embeddedUrl(port),
    stop: async () => {
      if (stopped) return;
      stopped = true;
      await server.stop();
      await pg.close();
      if (infoFile) await rm(infoFile, { force: true });
    },
  };
}

/** The URL of an embedded database another process is serving from dataDir, if it is alive. */
export async function findRunningEmbeddedDatabase(dataDir = defaultEmbeddedDir): Promise<string | null> {
  const raw = await readFile(path.join(dataDir, 'server.json'), 'utf8').catch(() => null);
  if (!raw) return null;
  const info = JSON.parse(raw) as ServerInfo;
  if (!isAlive(info.pid) || !(await portAnswers(info.port))) return null;
  return embeddedUrl(info.port);
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

export function portAnswers(port: number, host = '127.0.0.1'): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = net.connect({ port, host });
    socket.setTimeout(1000);
    socket.once('connect', () => {
      socket.destroy();
      resolve(true);
    });
    socket.once('timeout', () => {
      socket.destroy();
      resolve(false);
    });
    socket.once('error', () => resolve(false));
  });
}

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
  });
}
