// npm run import -- [--json] <files|folders…> — imports scraped pages (folders recursively).
// Exit status: 0 when no file failed, 2 when some failed, 1 on a usage error.
import { readdir, readFile, stat } from 'node:fs/promises';
import path from 'node:path';
import { db } from '@/lib/db/client';
import { importPages, type ImportFile } from '@/lib/import/import-pages';
import { withDatabaseUrl } from './lib/database-url';

const args = process.argv.slice(2);
const json = args.includes('--json');
const paths = args.filter((a) => !a.startsWith('--'));
const unknown = args.filter((a) => a.startsWith('--') && a !== '--json');
if (paths.length === 0 || unknown.length) {
  console.error('Usage: npm run import -- [--json] <files|folders…>');
  process.exit(1);
}

async function collect(target: string): Promise<string[]> {
  const info = await stat(target).catch(() => null);
  if (!info) throw new Error(`No such file or folder: ${target}`);
  if (!info.isDirectory()) return [target];
  const entries = await readdir(target, { withFileTypes: true });
  const nested = await Promise.all(
    entries
      .filter((e) => e.isDirectory() || e.name.endsWith('.txt'))
      .sort((a, b) => a.name.localeCompare(b.name))
      .map((e) => collect(path.join(target, e.name))),
  );
  return nested.flat();
}

let filePaths: string[];
try {
  filePaths = (await Promise.all(paths.map(collect))).flat();
} catch (error) {
  console.error((error as Error).message);
  process.exit(1);
}
const files: ImportFile[] = await Promise.all(filePaths.map(async (p) => ({ name: p, bytes: await readFile(p) })));

const report = await withDatabaseUrl(async () => {
  try {
    return await importPages(db, { actorId: null, source: 'cli', files });
  } finally {
    await db.$disconnect();
  }
});

if (json) {
  console.log(JSON.stringify({ files: report.files.map(({ title: _title, ...f }) => f), totals: report.totals }));
} else {
  const labels = { created: '新建', updated: '更新', unchanged: '未变', failed: '失败' };
  for (const f of report.files) console.log(`${labels[f.outcome]}\t${f.file}${f.error ? `\t${f.error}` : ''}`);
  const t = report.totals;
  console.log(`\n新建 ${t.created}，更新 ${t.updated}，未变 ${t.unchanged}，失败 ${t.failed}`);
}
process.exitCode = report.totals.failed > 0 ? 2 : 0;
