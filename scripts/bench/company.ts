/**
 * The head-office dashboard (issue 22 "Speed and scale": ≤ 1 s over 20 centres × 5,000 units ×
 * 5 years) for `npm run bench -- --only company-dashboard`. It brings its own data set, the
 * company of COMPANY_DATASET (≈ 12 M bills, built once and cached under bench-out/ like the
 * community), and only reads it: no scratch copy of a file that size. With `--db` it runs on
 * PostgreSQL too, on that data set copied in once (pg-bulk.ts) and cached as a database.
 */
import { companyDashboard } from '../../src/lib/server/company/dashboard.ts';
import { forgetCommunity } from '../../src/lib/server/community/index.ts';
import { openDb, type Db } from '../../src/lib/server/db/index.ts';
import { benchDatabase, COMPANY_DATASET, type DatasetInfo } from './dataset.ts';
import { median, percentile, timed, type CaseResult } from './report.ts';
import { databaseUrl, loadPgDataset, withClient } from './pg.ts';
import { bulkCopy } from './pg-bulk.ts';

const RUNS = 10;

/** A case on its own data set: the runner opens the community's only when another case needs it. */
export interface StandaloneCase {
	id: string;
	title: string;
	run: (opts: { rebuild: boolean; log: (line: string) => void }) => Omit<CaseResult, 'title'>;
	/** The same on PostgreSQL (`--db`): its data set loaded into a database of the owner's server. */
	pg?: (opts: {
		ownerUrl: string;
		rebuild: boolean;
		log: (line: string) => void;
	}) => Promise<Omit<CaseResult, 'title'>>;
}

/** The company's data set on PostgreSQL (cached like the community's, see pg.ts). */
const PG_COMPANY_DB = 'frontdesk_bench_company';

/** Ten warm runs of the dashboard after a first, cold one; `info` says what the data set holds. */
function measure(db: Db, info: DatasetInfo, built: boolean): Omit<CaseResult, 'title'> {
	// The first call prepares every statement and reads the pages into the database's cache.
	const [board, coldMs] = timed(() => companyDashboard(db, info.now));
	const times = Array.from({ length: RUNS }, () => timed(() => companyDashboard(db, info.now))[1]);
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
}

export const companyDashboardCase: StandaloneCase = {
	id: 'company-dashboard',
	title: '总部看板 company dashboard',
	run({ rebuild, log }) {
		const { db, info, built } = benchDatabase(COMPANY_DATASET, { rebuild, readOnly: true, log });
		try {
			return measure(db, info, built);
		} finally {
			db.$client.close();
			forgetCommunity(); // community ids are per database
		}
	},
	async pg({ ownerUrl, rebuild, log }) {
		const { db: sqlite, info, key, file } = benchDatabase(COMPANY_DATASET, { readOnly: true, log });
		try {
			await loadPgDataset(
				ownerUrl,
				{ file, key, name: PG_COMPANY_DB },
				{
					rebuild,
					log,
					fill: (_file, url) => withClient(url, (c) => bulkCopy(sqlite.$client, c, log))
				}
			);
		} finally {
			sqlite.$client.close();
		}
		// Only read: measured on the cached database itself, ids as in the file.
		const db = openDb(databaseUrl(ownerUrl, PG_COMPANY_DB));
		try {
			forgetCommunity();
			return measure(db, info, false);
		} finally {
			db.$client.close();
			forgetCommunity();
		}
	}
};
