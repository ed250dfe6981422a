import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { mkdir, mkdtemp, readdir, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { EmbeddedDatabaseHeldError, LegacyEmbeddedDataError, openEmbeddedDatabase, type EmbeddedDatabase } from '@/lib/db/embedded';

// The embedded PostgreSQL's lifecycle on a data folder of its own: what `npm run demo` and the CLI
// commands without DATABASE_URL do, with real processes killed the way people kill them.
const TIMEOUT = 90_000;

let dataDir: string;
const children = new Set<ChildProcess>();
const opened: EmbeddedDatabase[] = [];

beforeEach(async () => {
  dataDir = await mkdtemp(path.join(tmpdir(), 'baoda-embedded-test-'));
});

afterEach(async () => {
  for (const child of children) child.kill('SIGKILL');
  children.clear();
  for (const database of opened.splice(0)) await database.stop();
  // A server a test left behind (its owner killed) is stopped by taking it over.
  if ((await postmasterPid()) !== null) await (await openEmbeddedDatabase({ command: 'cleanup', whenHeld: 'refuse', dataDir })).stop();
  await rm(dataDir, { recursive: true, force: true });
});

async function open(whenHeld: 'connect' | 'refuse' = 'refuse'): Promise<EmbeddedDatabase> {
  const database = await openEmbeddedDatabase({ command: 'vitest', whenHeld, dataDir });
  opened.push(database);
  return database;
}

/** Starts tests/cli/embedded-holder.ts on the folder; resolves once it holds the database. */
async function startHolder(whenHeld: 'connect' | 'refuse', row?: string): Promise<{ child: ChildProcess; owned: boolean; url: string }> {
  // Node itself with tsx as a loader (not the tsx wrapper, a process of its own): the pid that is killed is the holder's.
  const child = spawn(process.execPath, ['--import', 'tsx', 'tests/cli/embedded-holder.ts', dataDir, whenHeld, ...(row ? [row] : [])], {
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  children.add(child);
  let stderr = '';
  child.stderr!.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
  const line = await new Promise<string>((resolve, reject) => {
    let stdout = '';
    child.stdout!.setEncoding('utf8').on('data', (chunk: string) => {
      stdout += chunk;
      if (stdout.includes('\n')) resolve(stdout.split('\n')[0]);
    });
    child.once('exit', (code) => reject(new Error(`holder exited with ${code}: ${stderr}`)));
  });
  return { child, ...(JSON.parse(line) as { owned: boolean; url: string }) };
}

async function kill(child: ChildProcess, signal: NodeJS.Signals): Promise<number | null> {
  const exited = once(child, 'exit');
  child.kill(signal);
  const [code] = (await exited) as [number | null];
  children.delete(child);
  return code;
}

async function postmasterPid(): Promise<number | null> {
  const text = await readFile(path.join(dataDir, 'postgres', 'data', 'postmaster.pid'), 'utf8').catch(() => null);
  return text ? Number(text.split('\n')[0]) : null;
}

async function keptRows(url: string): Promise<string[]> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return (await client.query<{ value: string }>('SELECT value FROM kept ORDER BY value')).rows.map((r) => r.value);
  } finally {
    await client.end();
  }
}

describe('the embedded PostgreSQL', () => {
  it(
    'is a PostgreSQL 18 server on 127.0.0.1 only, behind a generated password kept in a 0600 file',
    async () => {
      const database = await open();
      expect(database.owned).toBe(true);
      const url = new URL(database.url);
      expect(url.hostname).toBe('127.0.0.1');
      const client = new pg.Client({ connectionString: database.url });
      await client.connect();
      const setting = async (name: string) => (await client.query<{ value: string }>(`SELECT current_setting('${name}') AS value`)).rows[0].value;
      expect(Number(await setting('server_version_num'))).toBeGreaterThanOrEqual(180000);
      expect(await setting('listen_addresses')).toBe('127.0.0.1');
      expect(await setting('unix_socket_directories')).toBe('');
      await client.query('CREATE EXTENSION IF NOT EXISTS pg_trgm');
      await client.end();

      const passwordFile = path.join(dataDir, 'postgres.password');
      expect((await stat(passwordFile)).mode & 0o777).toBe(0o600);
      expect((await readFile(passwordFile, 'utf8')).trim()).toBe(decodeURIComponent(url.password));
      const intruder = new pg.Client({ host: '127.0.0.1', port: Number(url.port), user: 'postgres', password: 'postgres', database: 'postgres' });
      await expect(intruder.connect()).rejects.toThrow(/password authentication failed/);
    },
    TIMEOUT,
  );

  it(
    'lets a second command use the server a first one runs, or refuses in one line that names the holder',
    async () => {
      const holder = await startHolder('connect');
      expect(holder.owned).toBe(true);

      const shared = await open('connect');
      expect(shared).toMatchObject({ owned: false, url: holder.url });
      const refused = await openEmbeddedDatabase({ command: 'vitest', whenHeld: 'refuse', dataDir }).catch((error: unknown) => error);
      expect(refused).toBeInstanceOf(EmbeddedDatabaseHeldError);
      expect((refused as Error).message).toBe(
        `The embedded database in ${dataDir}/ is in use by \`embedded-holder\` (pid ${holder.child.pid}); stop it or wait for it to finish, then try again.`,
      );

      // Ctrl+C: the owner stops the server cleanly and lets go of the folder.
      expect(await kill(holder.child, 'SIGINT')).toBe(0);
      expect(await postmasterPid()).toBeNull();
      expect(await readdir(dataDir)).not.toContain('postgres.json');
      expect(await readFile(path.join(dataDir, 'postgres', 'server.log'), 'utf8')).toMatch(/database system is shut down\s*$/);
    },
    TIMEOUT,
  );

  it(
    'starts one server when two commands start at once on a new folder',
    async () => {
      const [first, second] = await Promise.all([startHolder('connect'), startHolder('connect')]);
      expect([first.owned, second.owned].sort()).toEqual([false, true]);
      expect(second.url).toBe(first.url);
      expect(await keptRowsOrEmpty(first.url)).toEqual([]);
      const [owner, guest] = first.owned ? [first, second] : [second, first];
      expect(await kill(guest.child, 'SIGTERM')).toBe(0);
      // The guest's exit left the owner's server running.
      expect(await postmasterPid()).not.toBeNull();
      expect(await kill(owner.child, 'SIGTERM')).toBe(0);
      expect(await postmasterPid()).toBeNull();
    },
    TIMEOUT,
  );

  it(
    'is taken over with its data by the next command after its owner is killed with -9',
    async () => {
      const holder = await startHolder('refuse', 'committed before kill -9');
      const server = await postmasterPid();
      await kill(holder.child, 'SIGKILL');

      const next = await open('refuse');
      expect(next.owned).toBe(true);
      expect(await postmasterPid()).toBe(server);
      expect(await keptRows(next.url)).toEqual(['committed before kill -9']);
    },
    TIMEOUT,
  );

  it(
    'starts again after its owner and the server itself are killed with -9, with every committed row',
    async () => {
      const holder = await startHolder('refuse', 'committed before the crash');
      const server = (await postmasterPid())!;
      await kill(holder.child, 'SIGKILL');
      process.kill(server, 'SIGKILL');

      const next = await open('refuse');
      expect(next.owned).toBe(true);
      expect(await postmasterPid()).not.toBe(server);
      expect(await keptRows(next.url)).toEqual(['committed before the crash']);
      expect(await readFile(path.join(dataDir, 'postgres', 'server.log'), 'utf8')).toMatch(/database system was interrupted|not properly shut down/);
    },
    TIMEOUT,
  );

  it('keeps the folder of an earlier PGlite demo and says how to keep or discard it', async () => {
    const legacy = path.join(dataDir, 'pglite', 'pgdata');
    await mkdir(legacy, { recursive: true });
    await writeFile(path.join(legacy, 'PG_VERSION'), '17\n');

    const refused = await openEmbeddedDatabase({ command: 'vitest', whenHeld: 'refuse', dataDir }).catch((error: unknown) => error);
    expect(refused).toBeInstanceOf(LegacyEmbeddedDataError);
    const shown = path.join(dataDir, 'pglite');
    expect((refused as Error).message).toBe(
      `${shown} holds the database of an earlier demo (PGlite), which this version no longer runs; it is kept as it is: move it away to keep it (mv ${shown} ${shown}-old) or delete it (rm -rf ${shown}), then start again.`,
    );
    expect(await readFile(path.join(legacy, 'PG_VERSION'), 'utf8')).toBe('17\n');
    expect(await readdir(dataDir)).toEqual(['pglite']);
  });
});

async function keptRowsOrEmpty(url: string): Promise<string[]> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const { rows } = await client.query<{ exists: boolean }>(`SELECT to_regclass('kept') IS NOT NULL AS exists`);
    return rows[0].exists ? await keptRows(url) : [];
  } finally {
    await client.end();
  }
}
