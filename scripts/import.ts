// npm run import -- [--dry-run] [--json] [--force] [--no-normalize] <files|folders|.zip|.ndjson…>
// Imports scraped pages (folders recursively, .zip archives) and NDJSON exports (npm run export).
// With --json one JSON report is printed on stdout. Pending migrations are applied first.
// Exit status: 0 when no file failed, 2 when some failed (the report is complete either way),
// 1 on a usage error, a missing path or an unreachable database. On a terminal, stderr shows a
// progress bar while files are imported.
import { db } from '@/lib/db/client';
import { MissingPathError } from '@/lib/import/collect-paths';
import { formatTextReport, parseImportArgs, runImportCommand } from '@/lib/import/import-command';
import { createProgressBar } from '@/lib/import/progress-bar';
import { withPreparedDatabase } from './lib/database-url';
import { runCli, UsageError } from './lib/run-cli';

await runCli(async () => {
  const parsed = parseImportArgs(process.argv.slice(2));
  if (!parsed.ok) throw new UsageError(parsed.message);
  const command = parsed.command;
  const progressBar = createProgressBar(process.stderr);

  try {
    const { report, exitCode } = await withPreparedDatabase(async () => {
      try {
        return await runImportCommand(db, command, progressBar.update);
      } finally {
        progressBar.finish();
      }
    });
    console.log(command.json ? JSON.stringify(report) : formatTextReport(report));
    process.exitCode = exitCode;
  } catch (error) {
    if (error instanceof MissingPathError) throw new UsageError(error.message);
    throw error;
  }
});
