import { expect, inject, test } from 'vitest';
import { runCrashTest } from './lib/crash';

/*
 * Crash safety, the suite's short run of scripts/crash-test.ts: payments against the built server
 * while it is SIGKILLed at random moments and restarted. The full run (1,000 payments) is
 * `node --import tsx scripts/crash-test.ts`; RELIABILITY_CRASH_PAYMENTS sets the count here.
 */
const PAYMENTS = Number(process.env.RELIABILITY_CRASH_PAYMENTS ?? 150);

test(
	`${PAYMENTS} payments survive SIGKILLs: intact file, every acknowledged receipt once, no gap, balanced`,
	{ timeout: 300_000 },
	async () => {
		const f = await runCrashTest({
			payments: PAYMENTS,
			concurrency: 4,
			killAfterMs: [100, 800],
			templateDb: inject('templateDb'),
			workDir: inject('workDir')
		});
		console.log(
			`[crash] ${f.acknowledged}/${f.payments} payments acknowledged, ${f.kills} kills survived, ` +
				`${f.requests} requests (${f.retried} re-sent), ${f.replayedAfterLoss} answered only on a retry, ` +
				`${f.integrityChecks} integrity checks, ${(f.ms / 1000).toFixed(1)} s`
		);
		expect(f.problems).toEqual([]);
		expect(f.acknowledged).toBe(PAYMENTS);
		expect(f.kills, 'the server was killed several times').toBeGreaterThanOrEqual(3);
	}
);
