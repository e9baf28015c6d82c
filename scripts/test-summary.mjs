// Adds up the JSON reports of Vitest and Playwright into one closing line for CI.
import { existsSync, readFileSync } from 'node:fs';
import { basename } from 'node:path';

let passed = 0;
let failed = 0;
let skipped = 0;
/** [seconds, report, file] of every Vitest file: the slowest are printed, for CI's time budget. */
const files = [];
for (const f of [
	'.test-reports/unit.json',
	'.test-reports/unit-pg.json',
	'.test-reports/reliability.json',
	'.test-reports/reliability-pg.json'
]) {
	if (!existsSync(f)) continue;
	const r = JSON.parse(readFileSync(f, 'utf8'));
	passed += r.numPassedTests ?? 0;
	failed += r.numFailedTests ?? 0;
	skipped += (r.numPendingTests ?? 0) + (r.numTodoTests ?? 0);
	for (const t of r.testResults ?? [])
		if (t.endTime && t.startTime)
			files.push([
				(t.endTime - t.startTime) / 1000,
				basename(f, '.json'),
				t.name.replace(process.cwd() + '/', '')
			]);
}
if (files.length > 0) {
	console.log('slowest test files:');
	for (const [s, report, name] of files.sort((a, b) => b[0] - a[0]).slice(0, 8))
		console.log(`${s.toFixed(1).padStart(7)} s  ${report}  ${name}`);
}
for (const f of ['.test-reports/e2e.json', '.test-reports/e2e-pg.json']) {
	if (!existsSync(f)) continue;
	const s = JSON.parse(readFileSync(f, 'utf8')).stats ?? {};
	passed += (s.expected ?? 0) + (s.flaky ?? 0);
	failed += s.unexpected ?? 0;
	skipped += s.skipped ?? 0;
}
console.log(`tests: ${passed} passed, ${failed} failed${skipped ? `, ${skipped} skipped` : ''}`);
