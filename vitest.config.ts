import { sveltekit } from '@sveltejs/kit/vite';
import { defineConfig } from 'vitest/config';

// Unit tests use the SvelteKit plugin only: Paraglide's watcher (in vite.config.ts) keeps Vitest
// from exiting. Messages are compiled once before the run (`npm run i18n`).
export default defineConfig({
	plugins: [sveltekit()],
	test: {
		include: ['src/**/*.test.ts'],
		environment: 'node',
		expect: { requireAssertions: true },
		testTimeout: 20000,
		pool: 'forks',
		// TEST_DB=postgres: the server tests on PostgreSQL, each database copied from one template.
		globalSetup: ['src/lib/server/db/pg-test-setup.ts']
	}
});
