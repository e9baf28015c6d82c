/**
 * The head-office dashboard (issue 22 "Speed and scale": ≤ 1 s over 20 centres × 5,000 units ×
 * 5 years) for `npm run bench -- --only company-dashboard`. It brings its own data set, the
 * company of COMPANY_DATASET (≈ 12 M bills, built once and cached under bench-out/ like the
 * community), and only reads it: no scratch copy of a file that size.
 */
import { companyDashboard } from '../../src/lib/server/company/dashboard.ts';
import { forgetCommunity } from '../../src/lib/server/community/index.ts';
import { benchDatabase, COMPANY_DATASET } from './dataset.ts';
import { median, percentile, timed, type CaseResult } from './report.ts';

const RUNS = 10;

/** A case on its own data set: the runner opens the community's only when another case needs it. */
export interface StandaloneCase {
	id: string;
	title: string;
	run: (opts: { rebuild: boolean; log: (line: string) => void }) => Omit<CaseResult, 'title'>;
}

export const companyDashboardCase: StandaloneCase = {
	id: 'company-dashboard',
	title: '总部看板 company dashboard',
	run({ rebuild, log }) {
		const { db, info, built } = benchDatabase(COMPANY_DATASET, { rebuild, readOnly: true, log });
		try {
			// The first call prepares every statement and reads the pages into SQLite's cache.
			const [board, coldMs] = timed(() => companyDashboard(db, info.now));
			const times = Array.from(
				{ length: RUNS },
				() => timed(() => companyDashboard(db, info.now))[1]
			);
			const t = board.total;
			return {
				figures: [
					{ label: `warm p95 of ${RUNS}`, value: percentile(times, 95), unit: 'ms', max: 1000 },
					{ label: 'warm median', value: median(times), unit: 'ms' },
					{ label: 'first (cold)', value: coldMs, unit: 'ms' }
				],
				note:
					`${board.centres.length} centres, ${info.counts.units.toLocaleString('en')} units, ` +
					`${info.counts.bills.toLocaleString('en')} bills${built ? ` (built in ${info.buildSeconds.toFixed(0)} s)` : ''}; ` +
					`${board.month}: collected ¥${(t.monthFen / 100).toFixed(2)}, rate ${t.rateBp} bp, ` +
					`${t.arrearsUnits} units owing ¥${(t.arrearsFen / 100).toFixed(2)}`
			};
		} finally {
			db.$client.close();
			forgetCommunity(); // community ids are per database
		}
	}
};
