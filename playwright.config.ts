import { defineConfig, devices, type PlaywrightTestConfig } from '@playwright/test';

/*
 * E2E against the built server (`node build`) on a fresh, seeded database. Parallel runs (one per
 * developer or helper) pick their own E2E_PORT and BUILD_DIR. Never `playwright install`: the
 * system Chromium is used (CHROMIUM_PATH, default /usr/bin/chromium).
 * playwright.pg.config.ts runs tests/e2e-pg on PostgreSQL with the settings exported here.
 */
const port = Number(process.env.E2E_PORT ?? 4173);
export const E2E_PASSWORD = 'e2e-Passw0rd!';

/** What every e2e run shares: one worker on one database, the system Chromium, a Chinese desk. */
export function e2eSettings(port: number) {
	return {
		fullyParallel: false,
		workers: 1,
		forbidOnly: !!process.env.CI,
		retries: process.env.CI ? 1 : 0,
		timeout: 45_000,
		expect: { timeout: 10_000 },
		use: {
			baseURL: `http://localhost:${port}`,
			locale: 'zh-CN',
			timezoneId: 'Asia/Shanghai',
			trace: 'on-first-retry',
			screenshot: 'only-on-failure',
			launchOptions: {
				executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
				args: [
					'--no-sandbox',
					'--disable-gpu',
					'--disable-background-networking',
					'--disable-component-update',
					'--disable-sync',
					'--disable-quic',
					'--no-first-run'
				]
			}
		},
		projects: [{ name: 'chromium', use: { ...devices['Desktop Chrome'], channel: undefined } }]
	} satisfies PlaywrightTestConfig;
}

/** The built server on a fresh seeded database (scripts/e2e-server.sh; `env` adds to its environment). */
export function e2eServer(port: number, env: Record<string, string> = {}) {
	return {
		command: `bash scripts/e2e-server.sh`,
		url: `http://localhost:${port}/healthz`,
		reuseExistingServer: false,
		timeout: 120_000,
		stdout: 'ignore',
		stderr: 'pipe',
		env: {
			E2E_PORT: String(port),
			BUILD_DIR: process.env.BUILD_DIR ?? 'build',
			DEMO_PASSWORD: E2E_PASSWORD,
			...env
		}
	} satisfies PlaywrightTestConfig['webServer'];
}

export default defineConfig({
	...e2eSettings(port),
	testDir: 'tests/e2e',
	// JSON goes outside test-results/, which Playwright empties at the start of a run.
	reporter: [['list'], ['json', { outputFile: '.test-reports/e2e.json' }]],
	webServer: e2eServer(port)
});
