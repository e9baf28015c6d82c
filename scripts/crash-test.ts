/**
 * Crash test: N counter payments against the built server while it is killed with SIGKILL at
 * random moments and restarted; then integrity_check, every acknowledged receipt present exactly
 * once, gap-free receipt numbers, balanced ledger. Exit code 1 when anything is wrong.
 * Usage: npm run build && node --import tsx scripts/crash-test.ts [--payments 1000] [--concurrency 4]
 *          [--kill-ms 100-2500] [--keep]
 *   BUILD_DIR (default build), RELIABILITY_PORT (default 4212; uses it and the next three).
 */
import { rmSync } from 'node:fs';
import { dirname } from 'node:path';
import { runCrashTest } from '../tests/reliability/lib/crash.ts';
import { ensureBuild } from '../tests/reliability/lib/env.ts';

const args = process.argv.slice(2);
const opt = (name: string, dflt: string) => {
	const i = args.indexOf(`--${name}`);
	return i >= 0 && args[i + 1] ? args[i + 1] : dflt;
};
const payments = Number(opt('payments', '1000'));
const concurrency = Number(opt('concurrency', '4'));
const [lo, hi] = opt('kill-ms', '100-2500').split('-').map(Number);

ensureBuild();
const log = (s: string) => console.log(`[crash] ${s}`);
log(`${payments} payments, ${concurrency} at a time, SIGKILL every ${lo}–${hi} ms of uptime`);
const f = await runCrashTest({ payments, concurrency, killAfterMs: [lo, hi], log });
log(`done in ${(f.ms / 1000).toFixed(1)} s`);
log(
	`payments acknowledged: ${f.acknowledged}/${f.payments}; requests ${f.requests} ` +
		`(${f.retried} re-sent after a kill, ${f.replayedAfterLoss} payments answered only on the retry)`
);
log(
	`kills survived: ${f.kills}; integrity checks: ${f.integrityChecks} (after every restart and at the end)`
);
if (f.problems.length) {
	console.error(`[crash] PROBLEMS:\n  ${f.problems.slice(0, 50).join('\n  ')}`);
	process.exitCode = 1;
} else
	log(
		'integrity_check ok; every acknowledged receipt exists once; receipt numbers gap-free; ledger balances'
	);
if (args.includes('--keep')) log(`database kept: ${f.dbFile}`);
else rmSync(dirname(dirname(f.dbFile)), { recursive: true, force: true });
