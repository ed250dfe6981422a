// A command that uses the embedded database of a data folder, for tests/cli/embedded-database.test.ts:
// `tsx tests/cli/embedded-holder.ts <dataDir> <connect|refuse> [row]` opens it (as
// scripts/lib/database-url.ts and scripts/demo.ts do), commits `row` into a table if given,
// prints one JSON line ({ owned, url }) and keeps the database until SIGINT or SIGTERM.
import pg from 'pg';
import { openEmbeddedDatabase } from '@/lib/db/embedded';

const [dataDir, whenHeld, row] = process.argv.slice(2);
if (whenHeld !== 'connect' && whenHeld !== 'refuse') throw new Error('usage: embedded-holder.ts <dataDir> <connect|refuse> [row]');

const database = await openEmbeddedDatabase({ command: 'embedded-holder', whenHeld, dataDir }).catch((error: Error) => {
  console.error(error.message);
  process.exit(1);
});
if (row) {
  const client = new pg.Client({ connectionString: database.url });
  await client.connect();
  await client.query('CREATE TABLE IF NOT EXISTS kept (value text)');
  await client.query('INSERT INTO kept VALUES ($1)', [row]);
  await client.end();
}
console.log(JSON.stringify({ owned: database.owned, url: database.url }));
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.on(signal, () => void database.stop().then(() => process.exit(0)));
}
setInterval(() => {}, 1 << 30);
