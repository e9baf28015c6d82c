import { afterAll, beforeAll, describe, expect, inject, test } from 'vitest';
import { join } from 'node:path';
import { AppServer, dbDir, freshDb } from './lib/server';
import { BASE_PORT } from './lib/env';
import { Client } from './lib/http';
import { forms, submission } from './lib/html';
import { preparePayment } from './lib/fees';
import { unitsOwing, withDb } from './lib/db';

/*
 * Two app instances (two server processes) on one database file, as behind a load balancer: what
 * a request to one saves, a request to the other uses next — no state in one process's memory.
 */

let a: AppServer;
let b: AppServer;
let db: string;

beforeAll(async () => {
	db = freshDb(inject('templateDb'), inject('workDir'), 'instances');
	const logFile = join(dbDir(db), 'server.log');
	a = await AppServer.start({ dbFile: db, port: BASE_PORT, logFile });
	b = await AppServer.start({ dbFile: db, port: BASE_PORT + 1, logFile });
});

afterAll(async () => {
	await b?.close();
	await a?.close();
});

describe('a settings change saved on instance A', () => {
	test('prices the next payment reviewed on instance B', async () => {
		const clerkB = new Client(b.url);
		await clerkB.login('clerk');
		// Units whose unpaid bills accrue a late fee today: today's day is priced at the new rate.
		const units = unitsOwing(db)
			.slice(0, 6)
			.map((u) => u.code);
		const totals = async () =>
			Promise.all(units.map(async (code) => (await preparePayment(clerkB, code)).totalFen));
		const before = await totals();

		const adminA = new Client(a.url);
		await adminA.login('admin');
		const page = await adminA.get('/admin/settings');
		const form = forms(page.text).find((f) =>
			f.fields.some((x) => x.name === 'lateFeeRatePerMille')
		);
		expect(form, 'the settings form').toBeDefined();
		const fields = submission(form!);
		const rate = Number(fields.find(([k]) => k === 'lateFeeRatePerMille')![1]);
		const body = new URLSearchParams([
			...fields.filter(([k]) => k !== 'lateFeeRatePerMille'),
			['lateFeeRatePerMille', String(rate * 2)]
		]);
		const saved = await adminA.action('/admin/settings', body);
		expect(saved.type, saved.raw.slice(0, 300)).toBe('success');

		const after = await totals();
		expect(
			after.some((t, i) => t > before[i]),
			`${before} → ${after}`
		).toBe(true);
		expect(after.every((t, i) => t >= before[i])).toBe(true);
		// And B's settings page shows the new rate (B had it in memory from the reviews above).
		const adminB = adminA.on(b.url);
		const onB = forms((await adminB.get('/admin/settings')).text).find((f) =>
			f.fields.some((x) => x.name === 'lateFeeRatePerMille')
		);
		expect(submission(onB!).find(([k]) => k === 'lateFeeRatePerMille')?.[1]).toBe(String(rate * 2));
	});
});

describe('an import previewed on instance A', () => {
	const UNITS =
		'楼栋,单元,房号,建筑面积,用途,状态,交房通知日期,接房日期\r\n88,1,101,80.00,,,,\r\n88,1,102,90.00,,,,\r\n';
	const unitCount = () =>
		withDb(
			db,
			(d) =>
				(d.prepare("SELECT count(*) AS n FROM units WHERE building = '88'").get() as { n: number })
					.n
		);

	test('is confirmed on instance B, and its progress is read there', async () => {
		const adminA = new Client(a.url);
		await adminA.login('admin');
		const job = 'instances-job-1';
		const upload = new FormData();
		upload.set('kind', 'units');
		upload.set('encoding', '');
		upload.set('job', job);
		upload.set('file', new Blob(['\uFEFF' + UNITS], { type: 'text/csv' }), 'units.csv');
		const preview = await adminA.action('/admin/import?/preview', upload);
		const p = (
			preview.data as { preview?: { token: string; digest: string; counts: { add: number } } }
		)?.preview;
		expect(p?.counts.add, preview.raw.slice(0, 300)).toBe(2);

		const adminB = adminA.on(b.url);
		const progress = await adminB.fetch(`/admin/import/progress?job=${job}`);
		expect(await progress.json()).toMatchObject({ phase: 'done' });

		expect(unitCount()).toBe(0);
		const confirm = await adminB.action(
			'/admin/import?/confirm',
			new URLSearchParams({ token: p!.token, digest: p!.digest })
		);
		expect(confirm.type, confirm.raw.slice(0, 300)).toBe('success');
		expect(unitCount()).toBe(2);
		// Confirmed once: the same token is spent on either instance.
		const again = await adminA.action(
			'/admin/import?/confirm',
			new URLSearchParams({ token: p!.token, digest: p!.digest })
		);
		expect([again.type, again.status]).toEqual(['failure', 409]);
	});
});
