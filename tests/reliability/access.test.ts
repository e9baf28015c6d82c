import { afterAll, beforeAll, describe, expect, inject, test } from 'vitest';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { AppServer, dbDir, freshDb } from './lib/server';
import { Client, type Answer } from './lib/http';
import { builtRoutes, pathOf, sourceRouteIds, type RouteInfo } from './lib/routes';
import {
	ACCOUNT_OF_ROLE,
	admitted,
	allowedOutcomes,
	outcomeOfAction,
	outcomeOfGet,
	policyOf,
	ROLES,
	sampleParams,
	type Outcome,
	type Role
} from './lib/access';
import { dbChecksum, unitsOwing, withDb } from './lib/db';
import { pay, payPlain, preparePayment } from './lib/fees';
import { messages } from './lib/messages';
import { PASSWORD } from './lib/env';
import { onPg } from './lib/pg';
import { RESIDENT_POLICY } from '../../src/lib/server/auth/session';

/*
 * Who gets what. Every route of the built app (pages, their __data.json, every form action, every
 * +server method) is tried by anonymous, resident, clerk, manager and admin and compared with the
 * policy in lib/access.ts; then resident isolation, staff-only documents, cross-origin posts,
 * session expiry and the sign-in/identification limits.
 */

const zh = messages('zh-CN');
const routes: RouteInfo[] = builtRoutes(join(inject('workDir'), 'discover.db'));
let server: AppServer;
let db: string;
const figures = { requests: 0 };

interface Unit {
	id: number;
	code: string;
	last4: string;
	/** The full phone number on file (digits only). */
	phone: string;
	ticketNo: string;
	ticketText: string;
	receiptNo: string;
}
let A: Unit;
let B: Unit;
const clients = {} as Record<Role, Client>;

function unitWithTicket(skip: number[]): Unit {
	return withDb(db, (d) => {
		const row = d
			.prepare(
				`SELECT u.id, u.code, o.phone, t.ticket_no AS ticketNo, t.text AS ticketText, p.receipt_no AS receiptNo
				 FROM tickets t JOIN units u ON u.id = t.unit_id JOIN unit_owners uo ON uo.unit_id = u.id JOIN owners o ON o.id = uo.owner_id
				 JOIN payments p ON p.unit_id = u.id
				 WHERE uo.role = 'owner' AND uo.end_date IS NULL AND u.id NOT IN (${skip.join(',') || 0}) ORDER BY t.id LIMIT 1`
			)
			.get() as {
			id: number;
			code: string;
			phone: string;
			ticketNo: string;
			ticketText: string;
			receiptNo: string;
		};
		return {
			id: row.id,
			code: row.code,
			last4: row.phone.replace(/\D/g, '').slice(-4),
			phone: row.phone.replace(/\D/g, '').slice(-11),
			ticketNo: row.ticketNo,
			ticketText: row.ticketText,
			receiptNo: row.receiptNo
		};
	});
}

async function signIn(role: Role, c = new Client(server.url)): Promise<Client> {
	if (role === 'resident') await c.identify(A.code, A.last4);
	else if (role !== 'anonymous') await c.login(ACCOUNT_OF_ROLE[role]);
	return c;
}

beforeAll(async () => {
	db = freshDb(inject('templateDb'), inject('workDir'), 'access');
	server = await AppServer.start({ dbFile: db, logFile: join(dbDir(db), 'server.log') });
	A = unitWithTicket([]);
	B = unitWithTicket([A.id]);
	for (const r of ROLES) clients[r] = await signIn(r);
});

afterAll(async () => {
	await server?.close();
	console.log(`[access] ${figures.requests} requests`);
});

describe('the route table', () => {
	test('the build has every route of src/routes, and each has an access policy here', () => {
		const built = new Set(routes.map((r) => r.id));
		const stale = sourceRouteIds().filter((id) => !built.has(id));
		expect(stale, 'routes in src/routes missing from the build: rebuild (BUILD_DIR)').toEqual([]);
		expect(
			routes.filter((r) => !policyOf(r.id)).map((r) => r.id),
			'routes without an access policy in tests/reliability/lib/access.ts'
		).toEqual([]);
		expect(routes.length).toBeGreaterThan(30);
	});
});

/** Sends one probe as `role`; if the role's session was lost (a sign-out action, expiry) signs in again afterwards. */
async function probe(role: Role, send: (c: Client) => Promise<Outcome>): Promise<Outcome> {
	const c = clients[role];
	const out = await send(c);
	figures.requests++;
	if (role !== 'anonymous' && !c.cookies.has('fd_session')) clients[role] = await signIn(role);
	return out;
}

describe.each(routes.map((r) => [r.id, r] as const))('%s', (_id, route) => {
	test('each role gets what the policy says (page, __data.json, actions, endpoints)', async () => {
		const { values, missing } = withDb(db, (d) => sampleParams(d, route.id, route.params, A.id));
		const path = pathOf(route.id, values);
		const wrong: string[] = [];
		const check = (what: string, role: Role, got: Outcome, action?: string, write = false) => {
			const access = policyOf(route.id, action)!;
			const ok = allowedOutcomes(access, role, write, route.id);
			// An admitted role must really get in when the route's params exist.
			const strict =
				admitted(access, role, write, route.id) && missing.length === 0 && access !== 'public'
					? ok.filter((o) => o !== 'notfound')
					: ok;
			if (!strict.includes(got))
				wrong.push(`${what} as ${role}: ${got} (expected ${strict.join('/')})`);
		};
		for (const role of ROLES) {
			if (route.page) {
				check(
					`GET ${path}`,
					role,
					await probe(role, async (c) => outcomeOfGet(await c.get(path), false))
				);
				if (route.page.load) {
					const data = `${path === '/' ? '' : path}/__data.json`;
					check(
						`GET ${data}`,
						role,
						await probe(role, async (c) => outcomeOfGet(await c.get(data), true))
					);
				}
				for (const action of route.page.actions) {
					const target = action === 'default' ? path : `${path}?/${action}`;
					check(
						`POST ${target}`,
						role,
						await probe(role, async (c) => outcomeOfAction(await c.action(target, {}))),
						action,
						true
					);
				}
			}
			for (const method of route.endpoint ?? []) {
				check(
					`${method} ${path}`,
					role,
					await probe(role, async (c) => {
						const res = await c.fetch(path, {
							method,
							headers: { origin: c.origin, 'content-type': 'application/json', accept: '*/*' },
							body: method === 'GET' || method === 'HEAD' ? undefined : '{}'
						});
						return outcomeOfGet(
							{
								status: res.status,
								location: res.headers.get('location'),
								headers: res.headers,
								text: await res.text()
							},
							false
						);
					}),
					undefined,
					method !== 'GET' && method !== 'HEAD'
				);
			}
		}
		expect(wrong).toEqual([]);
	});
});

function pdfText(bytes: Buffer): string {
	const dir = mkdtempSync(join(tmpdir(), 'rel-pdf-'));
	writeFileSync(join(dir, 'a.pdf'), bytes);
	return execFileSync('pdftotext', ['-layout', '-enc', 'UTF-8', join(dir, 'a.pdf'), '-'], {
		encoding: 'utf8'
	});
}

describe('a resident sees only their own unit', () => {
	test("another unit's ticket is not found by changing the number in the URL", async () => {
		const own = await clients.resident.get(`/kiosk/me/requests/${A.ticketNo}`);
		expect(own.status).toBe(200);
		for (const path of [
			`/kiosk/me/requests/${B.ticketNo}`,
			`/kiosk/me/requests/${B.ticketNo}/__data.json`,
			`/kiosk/me/requests/${B.ticketNo.toLowerCase()}`
		]) {
			const other = await clients.resident.get(path);
			figures.requests++;
			expect(outcomeOfGet(other, path.endsWith('.json')), path).toBe('notfound');
			expect(other.text).not.toContain(B.ticketText.slice(0, 20));
		}
	});

	test("bills and the statement stay the resident's own whatever the query string says", async () => {
		const tries = ['', `?unit=${B.code}`, `?unitId=${B.id}`, `?unitCode=${B.code}&unit_id=${B.id}`];
		for (const q of tries) {
			const page = await clients.resident.get(`/kiosk/me/bills${q}`);
			figures.requests++;
			expect(page.status).toBe(200);
			// (The language switch echoes the address it came from; that is not data.)
			const text = page.text
				.replaceAll(`/kiosk/me/bills${q}`, '')
				.replaceAll(`/kiosk/me/bills${q}`.replaceAll('&', '&amp;'), '');
			expect(text).toContain(A.code);
			expect(text).not.toContain(B.code);
		}
		const res = await clients.resident.fetch(
			`/kiosk/me/statement.pdf?unit=${B.code}&unitId=${B.id}`
		);
		figures.requests++;
		expect(res.status).toBe(200);
		const text = pdfText(Buffer.from(await res.arrayBuffer()));
		expect(text).toContain(A.code);
		expect(text).not.toContain(B.code);
	});

	test("a copy (补打) of another unit's receipt is not found and nothing is recorded", async () => {
		const prints = () =>
			withDb(
				db,
				(d) => (d.prepare(`SELECT count(*) AS n FROM receipt_prints`).get() as { n: number }).n
			);
		const before = prints();
		for (const receiptNo of [B.receiptNo, B.receiptNo.toLowerCase(), `${B.receiptNo}x`]) {
			const a = await clients.resident.action('/kiosk/me/history?/reprint', {
				receiptNo,
				printKey: `rel-${crypto.randomUUID()}`
			});
			figures.requests++;
			expect(a, receiptNo).toMatchObject({ type: 'failure', status: 404 });
		}
		expect(prints()).toBe(before);
		// A print of the resident's own (newest) receipt does not open another unit's.
		const ownNo = withDb(
			db,
			(d) =>
				(
					d
						.prepare(
							`SELECT receipt_no AS no FROM payments p WHERE unit_id = ? AND NOT EXISTS (SELECT 1 FROM payment_voids v WHERE v.payment_id = p.id) ORDER BY id DESC LIMIT 1`
						)
						.get(A.id) as { no: string }
				).no
		);
		const own = await clients.resident.action('/kiosk/me/history?/reprint', {
			receiptNo: ownNo,
			printKey: `rel-${crypto.randomUUID()}`
		});
		expect(own.type).toBe('success');
		const pdf = String(own.data?.pdf);
		expect(pdf).toMatch(/\?print=\d+$/);
		const other = await clients.resident.get(pdf.replace(ownNo, B.receiptNo));
		figures.requests += 2;
		expect(other.status).toBe(404);
	});

	test("staff pages with another unit's bills, receipts or tickets send the resident to sign in", async () => {
		const paths = [
			`/fees/${B.code}`,
			`/fees/${B.code}/__data.json`,
			`/fees/receipt/${B.receiptNo}`,
			`/receipts/${B.receiptNo}.pdf`,
			`/receipts?q=${B.code}`,
			`/tickets/${B.ticketNo}`,
			`/tickets/${B.ticketNo}/slip.pdf`,
			`/tickets/export.csv`
		];
		for (const p of paths) {
			const a = await clients.resident.get(p);
			figures.requests++;
			expect(outcomeOfGet(a, p.endsWith('.json')), p).toBe('login');
		}
	});
});

describe('receipts, slips and reports need a staff session', () => {
	const documents = () =>
		routes.filter(
			(r) =>
				!r.id.startsWith('/kiosk') &&
				!r.id.startsWith('/verify') &&
				/receipt|slip|report|voucher|export|statement|\.pdf|\.csv|waivers|billing/i.test(r.id)
		);

	test('anonymous and resident get no document, only the sign-in page', async () => {
		const found = documents();
		expect(found.length).toBeGreaterThanOrEqual(8);
		for (const r of found) {
			const { values } = withDb(db, (d) => sampleParams(d, r.id, r.params, A.id));
			const path = pathOf(r.id, values);
			for (const role of ['anonymous', 'resident'] as const) {
				const a = await clients[role].get(path);
				figures.requests++;
				expect(outcomeOfGet(a, false), `${role} ${path}`).toBe('login');
				expect(a.headers.get('content-type') ?? '').not.toMatch(/pdf|csv/);
			}
		}
	});

	test('the public receipt check shows no name and no unit', async () => {
		const p = withDb(
			db,
			(d) =>
				d
					.prepare(
						`SELECT p.verify_code AS code, p.payer_name AS payer, u.code AS unit FROM payments p JOIN units u ON u.id = p.unit_id ORDER BY p.id LIMIT 1`
					)
					.get() as { code: string; payer: string; unit: string }
		);
		const a = await clients.anonymous.get(`/verify/${p.code}`);
		figures.requests++;
		expect(a.status).toBe(200);
		expect(a.text).not.toContain(p.payer);
		expect(a.text).not.toContain(p.unit);
	});
});

describe('cross-origin form posts are refused', () => {
	const boundary = '----reliability' + 'x'.repeat(16);
	const multipart = (fields: Record<string, string>) =>
		Object.entries(fields)
			.map(
				([k, v]) => `--${boundary}\r\nContent-Disposition: form-data; name="${k}"\r\n\r\n${v}\r\n`
			)
			.join('') + `--${boundary}--\r\n`;
	const variants: { type: string; body: (f: Record<string, string>) => string }[] = [
		{ type: 'application/x-www-form-urlencoded', body: (f) => new URLSearchParams(f).toString() },
		{ type: 'APPLICATION/X-WWW-FORM-URLENCODED', body: (f) => new URLSearchParams(f).toString() },
		{
			type: 'Application/X-Www-Form-Urlencoded; charset=UTF-8',
			body: (f) => new URLSearchParams(f).toString()
		},
		{ type: `multipart/form-data; boundary=${boundary}`, body: multipart },
		{ type: `MULTIPART/FORM-DATA; BOUNDARY=${boundary}`, body: multipart },
		{
			type: 'text/plain',
			body: (f) =>
				Object.entries(f)
					.map(([k, v]) => `${k}=${v}`)
					.join('\r\n')
		},
		{
			type: 'TEXT/PLAIN;charset=UTF-8',
			body: (f) =>
				Object.entries(f)
					.map(([k, v]) => `${k}=${v}`)
					.join('\r\n')
		}
	];
	const origins: (string | null)[] = ['http://evil.example', 'null', null];

	test('every action, every form content type (any case), foreign or missing Origin: 403, nothing written', async () => {
		const before = dbChecksum(db);
		const admin = await signIn('admin');
		const resident = await signIn('resident');
		const wrong: string[] = [];
		let tried = 0;
		for (const r of routes) {
			if (!r.page?.actions.length) continue;
			const { values } = withDb(db, (d) => sampleParams(d, r.id, r.params, A.id));
			const path = pathOf(r.id, values);
			const c = policyOf(r.id) === 'resident' ? resident : admin;
			for (const action of r.page.actions) {
				const target = action === 'default' ? path : `${path}?/${action}`;
				for (const v of variants) {
					for (const origin of origins) {
						const headers: Record<string, string> = {
							'content-type': v.type,
							accept: 'text/html',
							cookie: c.cookieHeader()
						};
						if (origin !== null) headers.origin = origin;
						const res = await fetch(new URL(target, server.url), {
							method: 'POST',
							headers,
							body: v.body({ username: 'admin', password: 'x', note: 'csrf' }),
							redirect: 'manual'
						});
						tried++;
						if (res.status !== 403)
							wrong.push(`${target} ${v.type} origin=${origin}: ${res.status}`);
						await res.arrayBuffer();
					}
				}
			}
		}
		// The same-origin post of the same kind goes through (the refusal is about the origin).
		const same = await admin.post(
			'/locale',
			{ locale: 'en', next: '/admin' },
			{ 'content-type': 'APPLICATION/X-WWW-FORM-URLENCODED' }
		);
		tried++;
		figures.requests += tried;
		console.log(`[access] cross-origin posts tried: ${tried}`);
		expect(wrong).toEqual([]);
		expect(same.status).toBe(303);
		expect(dbChecksum(db).sum).toBe(before.sum);
	});
});

describe('head office only reads (issue 22)', () => {
	test('in its own community and after switching to another: pages open, a payment is refused, nothing written', async () => {
		const hq = await signIn('head_office');
		const unit = unitsOwing(db)[0];
		const prepared = await preparePayment(clients.clerk, unit.code);
		const before = dbChecksum(db);
		expect(outcomeOfAction(await pay(hq, prepared))).toBe('forbidden');
		const other = withDb(
			db,
			(d) => d.prepare(`SELECT id FROM communities WHERE code = 'HXY'`).get() as { id: number }
		).id;
		const switched = await hq.action('/account/community', {
			communityId: String(other),
			next: '/reports'
		});
		expect(outcomeOfAction(switched)).toBe('redirect');
		expect((await hq.get('/reports')).status).toBe(200);
		const company = await hq.get('/company');
		expect(company.text).toContain('荷香苑');
		expect(outcomeOfAction(await pay(hq, prepared))).toBe('forbidden');
		// The switch itself writes only the session and the audit log.
		expect(dbChecksum(db).sum).toBe(before.sum);
		figures.requests += 6;
	});
});

async function postHook(url: string, path: string, body: unknown): Promise<number> {
	const c = new Client(url);
	const res = await c.fetch(path, {
		method: 'POST',
		headers: { 'content-type': 'application/json', origin: c.origin },
		body: JSON.stringify(body)
	});
	figures.requests++;
	return res.status;
}

describe('the e2e test hooks (clock, snapshot, kiosk community)', () => {
	test('do not exist without FRONTDESK_TEST_HOOKS=1', async () => {
		const prod = await AppServer.start({
			dbFile: db,
			avoid: [server.port],
			env: { FRONTDESK_TEST_HOOKS: '0' }
		});
		try {
			expect(await postHook(prod.url, '/__test/clock', { offsetMs: 86_400_000 })).toBe(404);
			expect(await postHook(prod.url, '/__test/snapshot', { save: 'x' })).toBe(404);
			expect(await postHook(prod.url, '/__test/snapshot', { restore: 'x' })).toBe(404);
			expect(await postHook(prod.url, '/__test/kiosk-community', { code: null })).toBe(404);
		} finally {
			await prod.close();
		}
	});

	// The snapshot hook copies the SQLite file (src/lib/server/db/snapshots.ts): none on PostgreSQL yet.
	test.skipIf(onPg())(
		'a restored snapshot is the database as saved, and the server goes on serving from it',
		async () => {
			const hook = (body: unknown) => postHook(server.url, '/__test/snapshot', body);
			expect(await hook({ save: 'retry-me' })).toBe(200);
			const before = dbChecksum(db);
			const unit = unitsOwing(db)[0];
			const paid = await payPlain(clients.clerk, await preparePayment(clients.clerk, unit.code));
			expect(paid.status).toBe(303);
			expect(dbChecksum(db).sum).not.toBe(before.sum);

			expect(await hook({ restore: 'another test' })).toBe(404);
			expect(await hook({ nothing: 1 })).toBe(400);
			expect(await hook({ restore: 'retry-me' })).toBe(200);
			expect(dbChecksum(db).sum).toBe(before.sum);
			// The same payment can be taken again: the reopened database is the one in use.
			const again = await payPlain(clients.clerk, await preparePayment(clients.clerk, unit.code));
			expect(again.status).toBe(303);
			expect(dbChecksum(db).sum).not.toBe(before.sum);
		}
	);
});

async function setClock(offsetMs: number) {
	expect(await postHook(server.url, '/__test/clock', { offsetMs })).toBe(200);
}
const MIN = 60_000;

describe('sessions expire as set', () => {
	afterAll(() => setClock(0));

	async function at(c: Client, offset: number, path: string): Promise<Answer> {
		await setClock(offset);
		figures.requests++;
		return c.get(path);
	}

	// The community's settings (defaults: 30 minutes idle, 12 hours in all); residents: RESIDENT_POLICY.
	const setting = (key: 'staffIdleMinutes' | 'staffAbsoluteHours', dflt: number) =>
		withDb(
			db,
			(d) =>
				(JSON.parse(
					(
						d.prepare('SELECT settings FROM communities ORDER BY id LIMIT 1').get() as {
							settings: string;
						}
					).settings
				).sessions?.[key] ?? dflt) as number
		);

	test('staff: idle minutes without a request end the session', async () => {
		const idle = setting('staffIdleMinutes', 30);
		await setClock(0);
		const c = await signIn('clerk');
		expect((await at(c, (idle - 1) * MIN, '/counter')).status).toBe(200);
		// Idle counts from the last request: another idle−1 minutes later it still holds…
		expect((await at(c, 2 * (idle - 1) * MIN, '/counter')).status).toBe(200);
		// …and idle minutes after that it is gone, cookie and all.
		const gone = await at(c, (2 * (idle - 1) + idle) * MIN + 1000, '/counter');
		expect(outcomeOfGet(gone, false)).toBe('login');
		expect(c.cookies.has('fd_session')).toBe(false);
	});

	test('staff: the absolute limit after sign-in ends the session however busy the clerk is', async () => {
		const absolute = setting('staffAbsoluteHours', 12) * 60 * MIN;
		const step = (setting('staffIdleMinutes', 30) - 1) * MIN;
		await setClock(0);
		const c = await signIn('clerk');
		let t = 0;
		while (t + step < absolute) {
			t += step;
			expect((await at(c, t, '/counter')).status, `after ${t / MIN} min`).toBe(200);
		}
		expect(outcomeOfGet(await at(c, absolute + 1000, '/counter'), false)).toBe('login');
	});

	test(`resident: ${RESIDENT_POLICY.idleMs / 1000} s idle, ${RESIDENT_POLICY.absoluteMs / MIN} minutes in all`, async () => {
		const { idleMs, absoluteMs } = RESIDENT_POLICY;
		await setClock(0);
		const c = await signIn('resident');
		expect((await at(c, idleMs - 1000, '/kiosk/me')).status).toBe(200);
		expect(outcomeOfGet(await at(c, idleMs - 1000 + idleMs + 1000, '/kiosk/me'), false)).toBe(
			'identify'
		);

		await setClock(0);
		const busy = await signIn('resident');
		let t = 0;
		while (t + idleMs - 10_000 < absoluteMs) {
			t += idleMs - 10_000;
			expect((await at(busy, t, '/kiosk/me')).status, `after ${t / 1000} s`).toBe(200);
		}
		expect(outcomeOfGet(await at(busy, absoluteMs + 1000, '/kiosk/me'), false)).toBe('identify');
	});

	test('a signed-out session cannot be reused', async () => {
		await setClock(0);
		const c = await signIn('manager');
		const token = c.cookies.get('fd_session')!;
		const out = await c.action('/logout', {});
		expect(out.type).toBe('redirect');
		const replay = new Client(server.url);
		replay.cookies.set('fd_session', token);
		expect(outcomeOfGet(await replay.get('/manager'), false)).toBe('login');
	});
});

describe('sign-in and kiosk identification limits', () => {
	// A server of its own that takes the client address from X-Forwarded-For, so strangers at other
	// addresses can be played; its database is a fresh copy, so nothing here touches the tests above.
	let limits: AppServer;
	let limitsDb: string;
	const MINUTE = 60_000;
	const prefix = (s: string) => s.split('{')[0];
	const from = (address: string) => ({ 'x-forwarded-for': address });
	const clock = async (offsetMs: number) =>
		expect(await postHook(limits.url, '/__test/clock', { offsetMs })).toBe(200);
	const audits = (action: string) =>
		withDb(
			limitsDb,
			(d) =>
				d
					.prepare('SELECT target_type, target_id, detail FROM audit_log WHERE action = ?')
					.all(action) as { target_type: string; target_id: string; detail: string }[]
		);

	beforeAll(async () => {
		limitsDb = freshDb(inject('templateDb'), inject('workDir'), 'access-limits');
		limits = await AppServer.start({
			dbFile: limitsDb,
			avoid: [server.port],
			logFile: join(dbDir(limitsDb), 'server.log'),
			env: { ADDRESS_HEADER: 'x-forwarded-for', XFF_DEPTH: '1' }
		});
	});
	afterAll(async () => {
		await limits?.close();
	});

	test('10 wrong passwords from one address refuse that address only; the owner elsewhere is slowed by seconds, never locked out', async () => {
		await clock(0);
		const stranger = new Client(limits.url);
		for (let i = 0; i < 10; i++) {
			const a = await stranger.action(
				'/login',
				{ username: 'clerk2', password: `wrong-${i}` },
				from('198.51.100.7')
			);
			expect(a.status).toBe(400);
			expect(a.data?.message).toBe(zh.login_error_invalid);
		}
		const blocked = await stranger.action(
			'/login',
			{ username: 'clerk2', password: PASSWORD },
			from('198.51.100.7')
		);
		figures.requests += 11;
		expect(blocked.status).toBe(429);
		expect(String(blocked.data?.message)).toContain(prefix(zh.login_error_limited));
		expect(stranger.cookies.has('fd_session')).toBe(false);
		// The owner at the counter right after: asked to wait seconds (one try per 30 s on this account)…
		const owner = new Client(limits.url);
		const slow = await owner.action(
			'/login',
			{ username: 'clerk2', password: PASSWORD },
			from('192.0.2.10')
		);
		expect(slow.status).toBe(429);
		expect(String(slow.data?.message)).toContain(prefix(zh.login_error_slow));
		// …and half a minute later gets in; the stranger's address is still refused.
		await clock(MINUTE);
		const ok = await owner.action(
			'/login',
			{ username: 'clerk2', password: PASSWORD },
			from('192.0.2.10')
		);
		expect(ok.type).toBe('redirect');
		expect(owner.cookies.has('fd_session')).toBe(true);
		expect(
			(
				await stranger.action(
					'/login',
					{ username: 'clerk2', password: PASSWORD },
					from('198.51.100.7')
				)
			).status
		).toBe(429);
		figures.requests += 3;
	});

	test('an IPv6 /64 counts as one address', async () => {
		await clock(2 * MINUTE);
		const c = new Client(limits.url);
		for (let i = 1; i <= 10; i++)
			expect(
				(
					await c.action(
						'/login',
						{ username: 'admin', password: 'wrong' },
						from(`2001:db8:7:1::${i}`)
					)
				).status
			).toBe(400);
		expect(
			(
				await c.action(
					'/login',
					{ username: 'admin', password: PASSWORD },
					from('2001:db8:7:1:ffff::9')
				)
			).status
		).toBe(429);
		await clock(3 * MINUTE);
		expect(
			(await c.action('/login', { username: 'admin', password: PASSWORD }, from('2001:db8:7:2::1')))
				.type
		).toBe('redirect');
		figures.requests += 12;
	});

	test('40 wrong passwords sent at once: no more than 10 are checked, the rest refused', async () => {
		await clock(4 * MINUTE);
		const answers = await Promise.all(
			Array.from({ length: 40 }, (_, i) =>
				new Client(limits.url).action(
					'/login',
					{ username: 'manager', password: `wrong-${i}` },
					from('203.0.113.40')
				)
			)
		);
		figures.requests += 40;
		const checked = answers.filter((a) => a.status === 400);
		expect(checked.length).toBeGreaterThan(0);
		expect(checked.length).toBeLessThanOrEqual(10);
		expect(answers.filter((a) => a.status === 429)).toHaveLength(40 - checked.length);
	});

	const GUESSED_ROOM =
		'a room guessed 5 times from several addresses asks for the full phone number; ' +
		'its owner still gets in, and other rooms at the kiosk are untouched';
	test(GUESSED_ROOM, async () => {
		await clock(10 * MINUTE);
		const wrong = A.last4 === '0000' ? '1111' : '0000';
		for (let i = 0; i < 5; i++) {
			const a = await new Client(limits.url).action(
				'/kiosk/identify',
				{ room: A.code, digits: wrong },
				from(`198.51.100.${20 + i}`)
			);
			expect(a.status).toBe(400);
			if (i < 4)
				expect(a.data?.message).toBe(
					zh.kiosk_identify_invalid_left.replace('{count}', String(4 - i))
				);
			else expect(a.data?.message).toBe(zh.kiosk_identify_need_full);
		}
		figures.requests += 5;
		// At the hall kiosk the owner's 4 digits are not taken now: the full number is asked for.
		const kiosk = '192.0.2.50';
		const owner = new Client(limits.url);
		const need = await owner.action(
			'/kiosk/identify',
			{ room: A.code, digits: A.last4 },
			from(kiosk)
		);
		expect(need.status).toBe(400);
		expect(need.data).toMatchObject({ full: true, message: zh.kiosk_identify_need_full });
		expect(owner.cookies.has('fd_session')).toBe(false);
		expect(
			(
				await owner.action(
					'/kiosk/identify',
					{ room: A.code, digits: A.phone, full: '1' },
					from(kiosk)
				)
			).type
		).toBe('redirect');
		expect(owner.cookies.has('fd_session')).toBe(true);
		// Other residents' typos at the same kiosk never keep the next one out.
		const someone = new Client(limits.url);
		for (let i = 0; i < 6; i++)
			expect(
				(
					await someone.action(
						'/kiosk/identify',
						{ room: `9-9-90${i}`, digits: '1234' },
						from(kiosk)
					)
				).status
			).toBe(400);
		const next = new Client(limits.url);
		expect(
			(await next.action('/kiosk/identify', { room: B.code, digits: B.last4 }, from(kiosk))).type
		).toBe('redirect');
		figures.requests += 9;
	});

	test('four-digit guesses at one room from 20 addresses: 5 checked in the hour, the rest need the full number', async () => {
		await clock(20 * MINUTE);
		const room = B.code;
		const answers = [];
		for (let i = 0; i < 20; i++)
			answers.push(
				await new Client(limits.url).action(
					'/kiosk/identify',
					{ room, digits: String(1000 + i) === B.last4 ? '9999' : String(1000 + i) },
					from(`203.0.113.${100 + i}`)
				)
			);
		figures.requests += 20;
		// Four said how many tries were left, the fifth failure and every later try asked for the full number…
		expect(
			answers.filter((a) =>
				String(a.data?.message).startsWith(prefix(zh.kiosk_identify_invalid_left))
			)
		).toHaveLength(4);
		expect(answers.filter((a) => a.data?.message === zh.kiosk_identify_need_full)).toHaveLength(16);
		// …and only five were checked at all (each failure is audited).
		expect(audits('kiosk.identify.failed').filter((r) => r.target_id === room)).toHaveLength(5);
		// Five full-number guesses from one address: that address waits for that room; the owner elsewhere does not.
		for (let i = 0; i < 5; i++)
			await new Client(limits.url).action(
				'/kiosk/identify',
				{ room, digits: `1390000000${i}`, full: '1' },
				from('203.0.113.200')
			);
		const limited = await new Client(limits.url).action(
			'/kiosk/identify',
			{ room, digits: B.phone, full: '1' },
			from('203.0.113.200')
		);
		expect(limited.status).toBe(429);
		expect(String(limited.data?.message)).toContain(prefix(zh.kiosk_identify_limited));
		expect(
			(
				await new Client(limits.url).action(
					'/kiosk/identify',
					{ room, digits: B.phone, full: '1' },
					from('192.0.2.51')
				)
			).type
		).toBe('redirect');
		figures.requests += 7;
	});

	test('failed identifications, unknown names and access refusals are audited as counts, without what was typed', async () => {
		await clock(30 * MINUTE);
		const c = new Client(limits.url);
		expect(
			(
				await c.action(
					'/login',
					{ username: 'no-such-person', password: 'Secret-typed-1' },
					from('198.51.100.99')
				)
			).status
		).toBe(400);
		await c.action('/login', { username: 'clerk', password: PASSWORD }, from('198.51.100.99'));
		expect((await c.get('/admin', from('198.51.100.99'))).status).toBe(403);
		figures.requests += 3;
		const failed = audits('kiosk.identify.failed');
		expect(failed.length).toBeGreaterThan(0);
		expect(failed.some((r) => r.target_id === A.code)).toBe(true);
		expect(audits('login.unknown')).toEqual([
			expect.objectContaining({ target_type: 'address', target_id: '198.51.100.99' })
		]);
		expect(audits('access.refused').some((r) => r.target_id.includes('admin'))).toBe(true);
		const all = JSON.stringify(withDb(limitsDb, (d) => d.prepare('SELECT * FROM audit_log').all()));
		for (const secret of ['no-such-person', 'Secret-typed-1', A.phone, '13900000001'])
			expect(all).not.toContain(secret);
	});
});

describe('where sign-in and the language switch send you (issue 11: open redirect)', () => {
	test('a signed-in clerk following /login?next=<tab>//evil.example stays on the site', async () => {
		const c = await signIn('clerk');
		for (const next of [
			'%2F%09%2Fevil.example%2Fx',
			'%2F%0A%2Fevil.example',
			'%2F%5Cevil.example',
			'%2F.%2F%2Fevil.example'
		]) {
			const a = await c.get(`/login?next=${next}`);
			expect(a.status, next).toBe(303);
			expect(a.location, next).toBe('/counter');
		}
		figures.requests += 4;
	});

	test('typing the right password with such a next, and switching language with one, stay on the site (a newline is no 500)', async () => {
		for (const next of ['/\t/evil.example/x', '/\n/evil.example', '/counter\r\nSet-Cookie: x=1']) {
			const c = new Client(server.url);
			const a = await c.post('/login', { username: 'manager', password: PASSWORD, next });
			expect(a.status, JSON.stringify(next)).toBe(303);
			expect(a.location).toBe('/manager');
			const l = await c.post('/locale', { locale: 'zh-CN', next });
			expect(l.status).toBe(303);
			expect(l.location).toBe('/');
			figures.requests += 2;
		}
	});
});
