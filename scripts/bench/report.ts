/** Percentiles and the result table of `npm run bench`. */

export interface Figure {
	/** What was measured, e.g. "p95 of 250". */
	label: string;
	value: number;
	unit: 'ms' | 's' | 'bytes' | 'count';
	/** Upper bound the figure must not exceed (PASS/FAIL); none = for information. */
	max?: number;
}

export interface CaseResult {
	title: string;
	figures: Figure[];
	note?: string;
	skipped?: string;
}

/** The p-th percentile (0–100) by nearest rank of unsorted samples. */
export function percentile(samples: readonly number[], p: number): number {
	if (samples.length === 0) return NaN;
	const sorted = [...samples].sort((a, b) => a - b);
	const rank = Math.ceil((p / 100) * sorted.length);
	return sorted[Math.min(sorted.length - 1, Math.max(0, rank - 1))];
}

export const median = (samples: readonly number[]) => percentile(samples, 50);

/** Runs `fn` and returns its result and the elapsed milliseconds. */
export function timed<T>(fn: () => T): [T, number] {
	const t = performance.now();
	const r = fn();
	return [r, performance.now() - t];
}

export async function timedAsync<T>(fn: () => Promise<T>): Promise<[T, number]> {
	const t = performance.now();
	const r = await fn();
	return [r, performance.now() - t];
}

function show(value: number, unit: Figure['unit']): string {
	if (!Number.isFinite(value)) return '—';
	switch (unit) {
		case 'ms':
			return `${value < 10 ? value.toFixed(2) : value.toFixed(1)} ms`;
		case 's':
			return `${value.toFixed(2)} s`;
		case 'bytes':
			return value >= 1024 ? `${(value / 1024).toFixed(1)} KB` : `${value} B`;
		case 'count':
			return value.toLocaleString('en');
	}
}

export function passed(f: Figure): boolean | null {
	return f.max === undefined ? null : Number.isFinite(f.value) && f.value <= f.max;
}

/** The table printed at the end: one line per figure, PASS/FAIL where there is a target. */
export function formatTable(results: CaseResult[]): string {
	const rows: string[][] = [['case', 'measure', 'value', 'target', 'result']];
	for (const r of results) {
		if (r.skipped) {
			rows.push([r.title, '—', '—', '—', `SKIP (${r.skipped})`]);
			continue;
		}
		r.figures.forEach((f, i) => {
			const ok = passed(f);
			rows.push([
				i === 0 ? r.title : '',
				f.label,
				show(f.value, f.unit),
				f.max === undefined ? '' : `≤ ${show(f.max, f.unit)}`,
				ok === null ? '' : ok ? 'PASS' : 'FAIL'
			]);
		});
	}
	const width = (s: string) =>
		[...s].reduce(
			(w, ch) => w + (/[\u2e80-\uffff]/.test(ch) && ch !== '≤' && ch !== '—' ? 2 : 1),
			0
		);
	const cols = rows[0].map((_, c) => Math.max(...rows.map((row) => width(row[c]))));
	const line = (row: string[]) =>
		row
			.map((cell, c) => cell + ' '.repeat(cols[c] - width(cell)))
			.join('  ')
			.trimEnd();
	const rule = cols.map((w) => '─'.repeat(w)).join('  ');
	return [line(rows[0]), rule, ...rows.slice(1).map(line)].join('\n');
}
