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
	/** The timed samples behind the figures, where a case keeps them (to combine instances). */
	times?: number[];
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

/** p95, median and max of latency samples, the p95 against `max`. */
export function latencyFigures(times: readonly number[], max?: number): Figure[] {
	return [
		{ label: `p95 of ${times.length}`, value: percentile(times, 95), unit: 'ms', max },
		{ label: 'median', value: median(times), unit: 'ms' },
		{ label: 'max', value: Math.max(...times), unit: 'ms' }
	];
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
			rows.push([i === 0 ? r.title : '', f.label, ...judged(f)]);
		});
	}
	return grid(rows);
}

/** A case measured on both databases; on PostgreSQL maybe by several instances at once. */
export interface PairedResult {
	title: string;
	sqlite: Omit<CaseResult, 'title'>;
	/** The PostgreSQL figures (all instances' samples together); none: not run there. */
	pg?: Omit<CaseResult, 'title'>;
	/** Each instance's own figures, when several ran at once. */
	instances?: Omit<CaseResult, 'title'>[];
}

/**
 * `npm run bench -- --db postgres://…`: SQLite and PostgreSQL side by side, one line per figure
 * (the figures of a case are the same list on both), each with its own target and PASS/FAIL.
 */
export function formatSideBySide(results: PairedResult[]): string {
	const n = Math.max(0, ...results.map((r) => r.instances?.length ?? 0));
	const head = ['case', 'measure', 'SQLite', 'target', 'result', 'PostgreSQL', 'target', 'result'];
	const rows: string[][] = [
		[...head, ...Array.from({ length: n }, (_, k) => `PG instance ${k + 1}`)]
	];
	const cells = (r: Omit<CaseResult, 'title'> | undefined, i: number): string[] =>
		!r
			? ['not run', '', '']
			: r.skipped
				? ['skipped', '', '']
				: r.figures[i]
					? judged(r.figures[i])
					: ['', '', ''];
	for (const r of results) {
		const figures = r.sqlite.figures.length ? r.sqlite.figures : (r.pg?.figures ?? []);
		const lines = Math.max(1, figures.length);
		for (let i = 0; i < lines; i++) {
			rows.push([
				i === 0 ? r.title : '',
				figures[i]?.label ?? '—',
				...cells(r.sqlite, i),
				...cells(r.pg, i),
				...Array.from({ length: n }, (_, k) => {
					const f = r.instances?.[k]?.figures[i];
					return f ? show(f.value, f.unit) : '';
				})
			]);
		}
	}
	return grid(rows);
}

/** A figure's value, target and PASS/FAIL cells. */
function judged(f: Figure): string[] {
	const ok = passed(f);
	return [
		show(f.value, f.unit),
		f.max === undefined ? '' : `≤ ${show(f.max, f.unit)}`,
		ok === null ? '' : ok ? 'PASS' : 'FAIL'
	];
}

/** Rows of cells as aligned columns under a rule (CJK characters are two columns wide). */
function grid(rows: string[][]): string {
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
