// npm run audit:public — Lighthouse (mobile, its default) on every kind of public page: the home
// page, an article, a region page, a month page, the region and month indexes and a search, against the
// production server on a fresh database holding the sample pages (published through the real
// workflow). Prints the four category scores per page and checks each against 98.
// Lighthouse's performance score comes from timings, so this is a measurement, not a test: axe and
// the HTML validator, which are not timed, run in `npm test` (e2e/public-quality.spec.ts).
// The server is stopped and the database dropped at the end, also on failure or Ctrl-C.
import type { ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { chromium, type Browser } from '@playwright/test';
import lighthouse from 'lighthouse';
import { db } from '@/lib/db/client';
import { prepareDatabase } from '@/lib/db/prepare-database';
import { seedSampleContent } from '@/lib/seed/seed-demo';
import { createUser } from '@/lib/users/create-user';
import { freePort } from '@/lib/net/ports';
import { buildIsStale, nextBin, run } from './lib/next-build';
import { publishEdit } from './lib/publish-edit';
import { startServeProcess, stopServeProcess } from './lib/serve-process';
import { createTestDatabase, type TestDatabase } from './lib/test-database';

const MIN_SCORE = 98;
const categories = ['performance', 'accessibility', 'best-practices', 'seo'] as const;

let database: TestDatabase | null = null;
let server: ChildProcess | null = null;
let browser: Browser | null = null;
let failed = false;

let cleaningUp: Promise<void> | null = null;
function cleanUp(): Promise<void> {
  cleaningUp ??= (async () => {
    await browser?.close().catch(() => {});
    if (server) await stopServeProcess(server);
    await db.$disconnect().catch(() => {});
    await database?.drop().catch((error) => console.error('Dropping the audit database failed:', error));
  })();
  return cleaningUp;
}
for (const signal of ['SIGINT', 'SIGTERM'] as const) process.on(signal, () => void cleanUp().then(() => process.exit(130)));

try {
  database = await createTestDatabase();
  process.env.DATABASE_URL = database.url;
  console.log(`Audit database: ${database.kind}`);
  await prepareDatabase(database.url, db);
  const password = randomBytes(18).toString('base64url');
  const editor = await createUser(db, { email: 'audit-editor@audit.local', name: '审计编辑', role: 'EDITOR', password });
  const reviewer = await createUser(db, { email: 'audit-reviewer@audit.local', name: '审计审核', role: 'REVIEWER', password });
  await seedSampleContent(db, editor, reviewer);
  // The newest sample, tagged with a county so that its region pages list it.
  const [sample] = await db.$queryRaw<{ id: string; month: string }[]>`
    SELECT a.id, to_char(r."contentDate", 'YYYY-MM') AS month
    FROM "Article" a JOIN "Revision" r ON r.id = a."publishedRevisionId"
    WHERE r."contentDate" IS NOT NULL ORDER BY a."publishedAt" DESC, a.id LIMIT 1`;
  if (!sample) throw new Error('no published sample page with a content date');
  await publishEdit(editor, reviewer, sample.id, (input) => ({ ...input, regions: [{ code: '440106', origin: 'MANUAL' as const }] }));
  const { slug } = await db.revision.findFirstOrThrow({ where: { publishedFor: { id: sample.id } }, select: { slug: true } });
  await db.$disconnect();

  if (await buildIsStale()) {
    console.log(`Building the app into ${process.env.NEXT_DIST_DIR ?? '.next'} (none yet, or sources changed)…`);
    await run(nextBin(), ['build']);
  }
  const port = await freePort();
  const base = `http://127.0.0.1:${port}`;
  server = await startServeProcess(port);

  const pages = [
    { name: 'home', path: '/' },
    { name: 'article', path: `/a/${slug}` },
    { name: 'region', path: '/regions/440100' },
    { name: 'month', path: `/months/${sample.month}` },
    { name: 'region index', path: '/regions' },
    { name: 'month index', path: '/months' },
    { name: 'search', path: '/search' },
    // A result page is `noindex` by design (app/(public)/search/page.tsx), which Lighthouse's
    // is-crawlable audit fails: for this page that must be the only SEO audit that fails.
    { name: 'search results', path: `/search?q=${encodeURIComponent('医保')}`, noindex: true },
  ];
  // Rendered and cached before they are measured, as a reader would find them.
  for (const page of pages) await (await fetch(base + page.path)).arrayBuffer();

  const debuggingPort = await freePort();
  browser = await chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: [
      `--remote-debugging-port=${debuggingPort}`,
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
      '--disable-quic',
    ],
  });

  // Lighthouse slows the CPU down 4× to turn a high-end desktop into a mid-tier phone; on a slower
  // machine that emulates a far slower phone. Its documentation (docs/throttling.md, "Calibrating
  // the CPU slowdown") says to pick the multiplier from the machine's benchmarkIndex, which a first
  // run measures: 4× from a high-end desktop (≥ 1500), 2× from a low-end desktop or high-end phone
  // (800–1500), none from a machine already as slow as a mid-tier phone.
  const calibration = await lighthouse(`${base}/`, { port: debuggingPort, output: 'json', logLevel: 'error', onlyCategories: ['performance'] });
  const benchmarkIndex = calibration?.lhr.environment.benchmarkIndex ?? 0;
  const cpuSlowdownMultiplier = benchmarkIndex >= 1500 ? 4 : benchmarkIndex >= 800 ? 2 : 1;

  console.log(
    `\nLighthouse (mobile), Chromium ${browser.version()}, benchmarkIndex ${Math.round(benchmarkIndex)} → CPU slowdown ${cpuSlowdownMultiplier}×; each score at least ${MIN_SCORE}:`,
  );
  console.log(`${'page'.padEnd(16)}${categories.map((c) => c.padStart(16)).join('')}`);
  for (const page of pages) {
    const result = await lighthouse(base + page.path, {
      port: debuggingPort,
      output: 'json',
      logLevel: 'error',
      onlyCategories: [...categories],
      throttling: { cpuSlowdownMultiplier },
    });
    if (!result) throw new Error(`Lighthouse returned nothing for ${page.path}`);
    const scores = categories.map((c) => Math.round((result.lhr.categories[c]?.score ?? 0) * 100));
    const failing = (category: (typeof categories)[number]) =>
      result.lhr.categories[category].auditRefs
        .map((ref) => result.lhr.audits[ref.id])
        .filter((audit) => audit.score !== null && audit.score < 0.9 && audit.scoreDisplayMode !== 'informative');
    const noindexOnly = (category: (typeof categories)[number]) =>
      page.noindex === true && category === 'seo' && failing(category).every((audit) => audit.id === 'is-crawlable');
    const low = categories.filter((c, i) => scores[i] < MIN_SCORE && !noindexOnly(c));
    if (low.length) failed = true;
    const note = low.length ? `  FAIL (${low.join(', ')})` : page.noindex ? '  (SEO: noindex by design, no other SEO audit fails)' : '';
    console.log(`${page.name.padEnd(16)}${scores.map((s) => String(s).padStart(16)).join('')}${note}`);
    for (const category of low) for (const audit of failing(category)) console.log(`    ${category}: ${audit.id} (${audit.displayValue ?? audit.score})`);
  }
  console.log(`\n${failed ? 'FAIL' : 'PASS'}`);
} catch (error) {
  console.error(error);
  failed = true;
} finally {
  await cleanUp();
}
process.exit(failed ? 1 : 0);
