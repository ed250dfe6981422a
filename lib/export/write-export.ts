import { once } from 'node:events';
import type { Writable } from 'node:stream';
import type { Db } from '@/lib/db/client';
import { exportArticleRecords, exportHeader, type ExportFilters } from './export-articles';

/** Writes the header and one line per article to `out`, honouring back-pressure. Returns the count. */
export async function writeExport(db: Db, filters: ExportFilters, out: Writable): Promise<number> {
  const write = async (value: unknown) => {
    if (!out.write(`${JSON.stringify(value)}\n`)) await once(out, 'drain');
  };
  await write(exportHeader(filters));
  let count = 0;
  for await (const record of exportArticleRecords(db, filters)) {
    await write(record);
    count += 1;
  }
  return count;
}
