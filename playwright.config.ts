import { defineConfig, devices } from '@playwright/test';
import { serveArgs } from './scripts/lib/node-heap';

// The journeys run against a production build (built by `npm test` before this runs) on the
// test database that `npm test` created; `e2e/global-setup.ts` seeds the accounts.
const port = Number(process.env.E2E_PORT ?? 3100);
const baseURL = `http://127.0.0.1:${port}`;

export default defineConfig({
  testDir: 'e2e',
  fullyParallel: false,
  workers: 1,
  forbidOnly: !!process.env.CI,
  retries: 0,
  timeout: 60_000,
  expect: { timeout: 10_000 },
  reporter: process.env.CI ? 'list' : [['list'], ['html', { open: 'never' }]],
  globalSetup: './e2e/global-setup.ts',
  use: {
    baseURL,
    locale: 'zh-CN',
    timezoneId: 'Asia/Shanghai',
    trace: 'retain-on-failure',
    screenshot: 'only-on-failure',
    launchOptions: {
      executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
      // The machine's network is closed: keep Chromium from trying to reach Google's services.
      args: ['--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run', '--disable-quic'],
    },
  },
  projects: [{ name: 'chromium', use: { ...devices['Desktop Chrome'] } }],
  webServer: {
    // The same server as production (scripts/serve.ts), on the test database.
    command: ['node', ...serveArgs].join(' '),
    // SITE_URL is the origin the browser uses: the server builds every redirect on it and pins the
    // request's Host and X-Forwarded-* headers to it.
    env: { PORT: String(port), HOST: '127.0.0.1', SITE_URL: baseURL },
    url: `${baseURL}/login`,
    reuseExistingServer: false,
    timeout: 60_000,
    stdout: 'ignore',
    stderr: 'pipe',
  },
});
