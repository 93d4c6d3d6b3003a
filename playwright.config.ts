import { defineConfig } from '@playwright/test';

const PORT = Number(process.env.E2E_PORT ?? 4173);
const baseURL = `http://127.0.0.1:${PORT}`;

// Browsers come from Debian (/usr/bin/chromium); Playwright never downloads one.
export default defineConfig({
  testDir: 'e2e',
  fullyParallel: false,
  workers: 1,
  retries: 0,
  timeout: 60_000,
  reporter: [['list'], ['json']],
  use: {
    baseURL,
    browserName: 'chromium',
    locale: 'fr-FR',
    launchOptions: {
      executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
      args: [
        '--no-sandbox',
        '--disable-gpu',
        '--disable-dev-shm-usage',
        '--disable-quic',
        '--no-first-run',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
      ],
    },
  },
  webServer: {
    command: 'node scripts/e2e-server.mjs',
    url: `${baseURL}/login`,
    reuseExistingServer: false,
    timeout: 120_000,
    stdout: 'pipe',
    env: {
      PORT: String(PORT),
      HOST: '127.0.0.1',
      ORIGIN: baseURL,
      DATABASE_URL: 'file:./test-results/e2e.db',
      TRAJECTOIRE_DEMO: 'on',
      JOBS: 'off',
      NODE_ENV: 'test',
      // Lets tests present distinct client addresses to the login rate limiter.
      ADDRESS_HEADER: 'x-forwarded-for',
      XFF_DEPTH: '1',
      BODY_SIZE_LIMIT: String(12 * 1024 * 1024),
    },
  },
});
