import { execFile, execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import AxeBuilder from '@axe-core/playwright';
import { expect, test, type Page } from '@playwright/test';

// Every kind of public page, at a phone's size first: no accessibility violation axe can find,
// no error from the W3C HTML validator (vnu), nothing wider than the screen, body text of at least
// 16 px, and every control a reader taps at least 44 px tall.
test.describe.configure({ mode: 'serial' });
test.use({ viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true, deviceScaleFactor: 3 });

const execFileAsync = promisify(execFile);
// The validator's jar, as the vnu-jar package ships it (its own entry point only names this path).
const vnuJar = path.join('node_modules', 'vnu-jar', 'build', 'dist', 'vnu.jar');
let pages: { name: string; path: string }[] = [];

const content = (...args: string[]) =>
  JSON.parse(
    execFileSync('node_modules/.bin/tsx', ['e2e/content-cli.ts', ...args], { encoding: 'utf8' })
      .trim()
      .split('\n')
      .pop()!,
  ) as { slug: string };

test.beforeAll(async ({ request }) => {
  // A live page whose first recommendation links another live page.
  content('publish', '001_09de7306f3693664.txt');
  const published = content('publish', '004_e9231330f69d2e16.txt', '--region', '440106', '--link-to', '001_09de7306f3693664.txt');
  const html = await (await request.get(`/a/${published.slug}`)).text();
  const month = /href="\/months\/(\d{4}-\d{2})"/.exec(html)?.[1];
  expect(month).toBeTruthy();
  pages = [
    { name: 'home', path: '/' },
    { name: 'article', path: `/a/${published.slug}` },
    { name: 'region index', path: '/regions' },
    { name: 'region', path: '/regions/440100' },
    { name: 'month index', path: '/months' },
    { name: 'month', path: `/months/${month}` },
    { name: 'search', path: `/search?q=${encodeURIComponent('医保')}` },
  ];
});

/** Controls a reader taps that are shorter than 44 px; links inside the article text are text, not controls. */
function smallTapTargets(page: Page) {
  return page.evaluate(() =>
    [...document.querySelectorAll<HTMLElement>('a, button, input, select, textarea, summary')]
      .filter((el) => !el.closest('.prose') && el.getClientRects().length > 0)
      .map((el) => ({
        text: (el.textContent || el.getAttribute('aria-label') || el.tagName).trim().slice(0, 30),
        height: Math.round(el.getBoundingClientRect().height),
      }))
      .filter((target) => target.height < 44),
  );
}

test('every public page passes axe at a phone size, fits the screen and has 44 px tap targets', async ({ page }) => {
  for (const { name, path: url } of pages) {
    await test.step(name, async () => {
      await page.goto(url);
      const axe = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa', 'best-practice']).analyze();
      expect(axe.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`)).toEqual([]);
      const layout = await page.evaluate(() => ({
        scrollWidth: document.scrollingElement!.scrollWidth,
        innerWidth: window.innerWidth,
        bodyFontPx: parseFloat(getComputedStyle(document.querySelector('main')!).fontSize),
      }));
      expect(layout.scrollWidth).toBeLessThanOrEqual(layout.innerWidth);
      expect(layout.bodyFontPx).toBeGreaterThanOrEqual(16);
      expect(await smallTapTargets(page)).toEqual([]);
    });
  }
});

test('every public page is valid HTML to the W3C validator', async ({ request }) => {
  const folder = mkdtempSync(path.join(tmpdir(), 'baoda-vnu-'));
  try {
    const files = [];
    for (const { name, path: url } of pages) {
      const file = path.join(folder, `${name.replace(/\W+/g, '-')}.html`);
      writeFileSync(file, await (await request.get(url)).text());
      files.push(file);
    }
    // vnu exits with 1 when it reports anything; its JSON report is on stderr either way.
    const { stderr } = await execFileAsync('java', ['-jar', vnuJar, '--format', 'json', ...files]).catch((error: { stderr: string }) => error);
    const messages = (JSON.parse(stderr) as { messages: { type: string; subType?: string; url: string; message: string; extract?: string }[] }).messages;
    expect(
      messages.filter((m) => m.type === 'error' || m.subType === 'fatal').map((m) => `${path.basename(m.url)}: ${m.message} — ${m.extract ?? ''}`),
    ).toEqual([]);
  } finally {
    rmSync(folder, { recursive: true, force: true });
  }
});

test('a reader on a phone opens an article, searches and follows a recommendation', async ({ page }) => {
  await page.goto('/');
  await page.getByRole('list', { name: '文章列表' }).getByRole('link', { name: '医保380元一次没用了' }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('医保380元一次没用了');

  await page.getByRole('searchbox', { name: '搜索医保问答' }).fill('没用了');
  await page.getByRole('searchbox', { name: '搜索医保问答' }).press('Enter');
  await expect(page).toHaveURL(/\/search\?q=/);
  await page.getByRole('main').getByRole('link', { name: '医保380元一次没用了' }).click();

  const recommendations = page.getByRole('region', { name: '相关推荐' });
  const first = recommendations.getByRole('link').first();
  const target = (await first.textContent())!;
  await first.click();
  await expect(page).toHaveURL(/\/a\/[a-z0-9-]+$/);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(target);
  const layout = await page.evaluate(() => ({ scrollWidth: document.scrollingElement!.scrollWidth, innerWidth: window.innerWidth }));
  expect(layout.scrollWidth).toBeLessThanOrEqual(layout.innerWidth);
});
