// npm run export -- [--status S] [--region CODE] [--out file.ndjson]
// Writes articles (all, or those with the status / tagged with the region or a region under it)
// as NDJSON: a header line, then one article per line with every field, its regions, its
// recommendation list and its published version. `npm run import -- file.ndjson` reads it back
// (README "Export and re-import"). Without --out the lines go to stdout. Exit 1 on a usage error.
import { createWriteStream } from 'node:fs';
import { finished } from 'node:stream/promises';
import { db } from '@/lib/db/client';
import { parseExportArgs } from '@/lib/export/export-command';
import { writeExport } from '@/lib/export/write-export';
import { withDatabaseUrl } from './lib/database-url';

const parsed = parseExportArgs(process.argv.slice(2));
if (!parsed.ok) {
  console.error(parsed.message);
  process.exit(1);
}
const { filters, out } = parsed.command;

const stream = out ? createWriteStream(out) : process.stdout;
const count = await withDatabaseUrl(async () => {
  try {
    return await writeExport(db, filters, stream);
  } finally {
    await db.$disconnect();
  }
});
if (out) {
  stream.end();
  await finished(stream);
}
console.error(`Exported ${count} article${count === 1 ? '' : 's'}${out ? ` to ${out}` : ''}.`);
