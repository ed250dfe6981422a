// npm run export -- [--status S] [--region CODE] [--out file.ndjson]
// Writes articles (all, or those with the status / tagged with the region or a region under it)
// as NDJSON: a header line, then one article per line with every field, its regions, its
// recommendation list and its published version. `npm run import -- file.ndjson` reads it back
// (README "Export and re-import"). Without --out the lines go to stdout. Pending migrations are
// applied first. Exit 1 on a usage error or an unreachable database.
import { createWriteStream } from 'node:fs';
import { finished } from 'node:stream/promises';
import { db } from '@/lib/db/client';
import { parseExportArgs } from '@/lib/export/export-command';
import { writeExport } from '@/lib/export/write-export';
import { withPreparedDatabase } from './lib/database-url';
import { runCli, UsageError } from './lib/run-cli';

await runCli(async () => {
  const parsed = parseExportArgs(process.argv.slice(2));
  if (!parsed.ok) throw new UsageError(parsed.message);
  const { filters, out } = parsed.command;

  // The database is checked before --out is created, so a failure leaves no empty file behind.
  const count = await withPreparedDatabase(async () => {
    const stream = out ? createWriteStream(out) : process.stdout;
    const written = await writeExport(db, filters, stream);
    if (out) {
      stream.end();
      await finished(stream);
    }
    return written;
  });
  console.error(`Exported ${count} article${count === 1 ? '' : 's'}${out ? ` to ${out}` : ''}.`);
});
