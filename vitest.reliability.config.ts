import { defineConfig } from 'vitest/config';

/*
 * The reliability suite (`npm run test:reliability`): runs against the BUILT server (BUILD_DIR,
 * default `build`), which each file starts on a copy of one seeded database. Files run one after
 * another: they start servers on fixed ports (RELIABILITY_PORT, default 4212, and the next three)
 * and the timing tests (crash, concurrency) must not fight each other for 2 cores.
 */
export default defineConfig({
	test: {
		include: ['tests/reliability/**/*.test.ts'],
		environment: 'node',
		globalSetup: ['tests/reliability/global-setup.ts'],
		expect: { requireAssertions: true },
		fileParallelism: false,
		pool: 'forks',
		testTimeout: 120_000,
		hookTimeout: 180_000,
		teardownTimeout: 30_000
	}
});
