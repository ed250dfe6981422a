import { PrismaPg } from '@prisma/adapter-pg';
import { PrismaClient } from '@/lib/generated/prisma/client';
import { pgConfigFromUrl } from './pg-config';

// Password hashes are never selected unless a query asks for them by name.
const omit = { user: { passwordHash: true } } as const;

export type Db = PrismaClient<never, typeof omit>;
/** The client inside an interactive transaction; a Db can be passed wherever a Tx is expected. */
export type Tx = Omit<Db, '$connect' | '$disconnect' | '$on' | '$transaction' | '$extends'>;

export function createDb(databaseUrl: string): Db {
  const adapter = new PrismaPg({ ...pgConfigFromUrl(databaseUrl), max: Number(process.env.DATABASE_POOL_SIZE ?? 5) });
  return new PrismaClient({ adapter, omit });
}

const globalForDb = globalThis as unknown as { baodaDb?: Db };

function requireDatabaseUrl(): string {
  const url = process.env.DATABASE_URL;
  if (!url) throw new Error('DATABASE_URL is not set. Start the app with `npm run demo` (embedded database) or set DATABASE_URL.');
  return url;
}

// One client per process; created on first use so that `next build` needs no database.
export const db: Db = new Proxy({} as Db, {
  get(_target, prop) {
    globalForDb.baodaDb ??= createDb(requireDatabaseUrl());
    const value = Reflect.get(globalForDb.baodaDb, prop);
    return typeof value === 'function' ? value.bind(globalForDb.baodaDb) : value;
  },
});
