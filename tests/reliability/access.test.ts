import { afterAll, beforeAll, describe, expect, inject, test } from 'vitest';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { AppServer, freshDb } from './lib/server';
import { Client, type Answer } from './lib/http';
import { builtRoutes, pathOf, sourceRouteIds, type RouteInfo } from './lib/routes';
import { admitted, allowedOutcomes, outcomeOfAction, outcomeOfGet, policyOf, ROLES, sampleParams, type Outcome, type Role } from './lib/access';
import { dbChecksum, unitsOwing, withDb } from './lib/db';
import { payPlain, preparePayment } from './lib/fees';
import { messages } from './lib/messages';
import { PASSWORD } from './lib/env';
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
				 WHERE u.id NOT IN (${skip.join(',') || 0}) ORDER BY t.id LIMIT 1`
			)
			.get() as { id: number; code: string; phone: string; ticketNo: string; ticketText: string; receiptNo: string };
		return { id: row.id, code: row.code, last4: row.phone.replace(/\D/g, '').slice(-4), ticketNo: row.ticketNo, ticketText: row.ticketText, receiptNo: row.receiptNo };
	});
}

async function signIn(role: Role, c = new Client(server.url)): Promise<Client> {
	if (role === 'resident') await c.identify(A.code, A.last4);
	else if (role !== 'anonymous') await c.login(role);
	return c;
}

beforeAll(async () => {
	db = freshDb(inject('templateDb'), inject('workDir'), 'access');
	server = await AppServer.start({ dbFile: db, logFile: join(db, '..', 'server.log') });
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
		expect(routes.filter((r) => !policyOf(r.id)).map((r) => r.id), 'routes without an access policy in tests/reliability/lib/access.ts').toEqual([]);
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
		const check = (what: string, role: Role, got: Outcome, action?: string) => {
			const access = policyOf(route.id, action)!;
			const ok = allowedOutcomes(access, role);
			// An admitted role must really get in when the route's params exist.
			const strict = admitted(access, role) && missing.length === 0 && access !== 'public' ? ok.filter((o) => o !== 'notfound') : ok;
			if (!strict.includes(got)) wrong.push(`${what} as ${role}: ${got} (expected ${strict.join('/')})`);
		};
		for (const role of ROLES) {
			if (route.page) {
				check(`GET ${path}`, role, await probe(role, async (c) => outcomeOfGet(await c.get(path), false)));
				if (route.page.load) {
					const data = `${path === '/' ? '' : path}/__data.json`;
					check(`GET ${data}`, role, await probe(role, async (c) => outcomeOfGet(await c.get(data), true)));
				}
				for (const action of route.page.actions) {
					const target = action === 'default' ? path : `${path}?/${action}`;
					check(`POST ${target}`, role, await probe(role, async (c) => outcomeOfAction(await c.action(target, {}))), action);
				}
			}
			for (const method of route.endpoint ?? []) {
				check(`${method} ${path}`, role, await probe(role, async (c) => {
					const res = await c.fetch(path, { method, headers: { origin: c.origin, 'content-type': 'application/json', accept: '*/*' }, body: method === 'GET' || method === 'HEAD' ? undefined : '{}' });
					return outcomeOfGet({ status: res.status, location: res.headers.get('location'), headers: res.headers, text: await res.text() }, false);
				}));
			}
		}
		expect(wrong).toEqual([]);
	});
});

function pdfText(bytes: Buffer): string {
	const dir = mkdtempSync(join(tmpdir(), 'rel-pdf-'));
	writeFileSync(join(dir, 'a.pdf'), bytes);
	return execFileSync('pdftotext', ['-layout', '-enc', 'UTF-8', join(dir, 'a.pdf'), '-'], { encoding: 'utf8' });
}

describe('a resident sees only their own unit', () => {
	test("another unit's ticket is not found by changing the number in the URL", async () => {
		const own = await clients.resident.get(`/kiosk/me/requests/${A.ticketNo}`);
		expect(own.status).toBe(200);
		for (const path of [`/kiosk/me/requests/${B.ticketNo}`, `/kiosk/me/requests/${B.ticketNo}/__data.json`, `/kiosk/me/requests/${B.ticketNo.toLowerCase()}`]) {
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
			const text = page.text.replaceAll(`/kiosk/me/bills${q}`, '').replaceAll(`/kiosk/me/bills${q}`.replaceAll('&', '&amp;'), '');
			expect(text).toContain(A.code);
			expect(text).not.toContain(B.code);
		}
		const res = await clients.resident.fetch(`/kiosk/me/statement.pdf?unit=${B.code}&unitId=${B.id}`);
		figures.requests++;
		expect(res.status).toBe(200);
		const text = pdfText(Buffer.from(await res.arrayBuffer()));
		expect(text).toContain(A.code);
		expect(text).not.toContain(B.code);
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
	const documents = () => routes.filter((r) => !r.id.startsWith('/kiosk') && !r.id.startsWith('/verify') && /receipt|slip|report|voucher|export|statement|\.pdf|\.csv|waivers|billing/i.test(r.id));

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
		const p = withDb(db, (d) => d.prepare(`SELECT p.verify_code AS code, p.payer_name AS payer, u.code AS unit FROM payments p JOIN units u ON u.id = p.unit_id ORDER BY p.id LIMIT 1`).get() as { code: string; payer: string; unit: string });
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
			.map(([k, v]) => `--${boundary}\r\nContent-Disposition: form-data; name="${k}"\r\n\r\n${v}\r\n`)
			.join('') + `--${boundary}--\r\n`;
	const variants: { type: string; body: (f: Record<string, string>) => string }[] = [
		{ type: 'application/x-www-form-urlencoded', body: (f) => new URLSearchParams(f).toString() },
		{ type: 'APPLICATION/X-WWW-FORM-URLENCODED', body: (f) => new URLSearchParams(f).toString() },
		{ type: 'Application/X-Www-Form-Urlencoded; charset=UTF-8', body: (f) => new URLSearchParams(f).toString() },
		{ type: `multipart/form-data; boundary=${boundary}`, body: multipart },
		{ type: `MULTIPART/FORM-DATA; BOUNDARY=${boundary}`, body: multipart },
		{ type: 'text/plain', body: (f) => Object.entries(f).map(([k, v]) => `${k}=${v}`).join('\r\n') },
		{ type: 'TEXT/PLAIN;charset=UTF-8', body: (f) => Object.entries(f).map(([k, v]) => `${k}=${v}`).join('\r\n') }
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
						const headers: Record<string, string> = { 'content-type': v.type, accept: 'text/html', cookie: c.cookieHeader() };
						if (origin !== null) headers.origin = origin;
						const res = await fetch(new URL(target, server.url), { method: 'POST', headers, body: v.body({ username: 'admin', password: 'x', note: 'csrf' }), redirect: 'manual' });
						tried++;
						if (res.status !== 403) wrong.push(`${target} ${v.type} origin=${origin}: ${res.status}`);
						await res.arrayBuffer();
					}
				}
			}
		}
		// The same-origin post of the same kind goes through (the refusal is about the origin).
		const same = await admin.post('/locale', { locale: 'en', next: '/admin' }, { 'content-type': 'APPLICATION/X-WWW-FORM-URLENCODED' });
		tried++;
		figures.requests += tried;
		console.log(`[access] cross-origin posts tried: ${tried}`);
		expect(wrong).toEqual([]);
		expect(same.status).toBe(303);
		expect(dbChecksum(db).sum).toBe(before.sum);
	});
});

async function postHook(url: string, path: string, body: unknown): Promise<number> {
	const c = new Client(url);
	const res = await c.fetch(path, { method: 'POST', headers: { 'content-type': 'application/json', origin: c.origin }, body: JSON.stringify(body) });
	figures.requests++;
	return res.status;
}

describe('the e2e test hooks (clock, snapshot)', () => {
	test('do not exist without FRONTDESK_TEST_HOOKS=1', async () => {
		const prod = await AppServer.start({ dbFile: db, avoid: [server.port], env: { FRONTDESK_TEST_HOOKS: '0' } });
		try {
			expect(await postHook(prod.url, '/__test/clock', { offsetMs: 86_400_000 })).toBe(404);
			expect(await postHook(prod.url, '/__test/snapshot', { save: 'x' })).toBe(404);
			expect(await postHook(prod.url, '/__test/snapshot', { restore: 'x' })).toBe(404);
		} finally {
			await prod.close();
		}
	});

	test('a restored snapshot is the database as saved, and the server goes on serving from it', async () => {
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
	});
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
		withDb(db, (d) => (JSON.parse((d.prepare('SELECT settings FROM communities ORDER BY id LIMIT 1').get() as { settings: string }).settings).sessions?.[key] ?? dflt) as number);

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
		expect(outcomeOfGet(await at(c, idleMs - 1000 + idleMs + 1000, '/kiosk/me'), false)).toBe('identify');

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
	afterAll(() => setClock(0));
	const prefix = (s: string) => s.split('{')[0];

	test('10 wrong passwords block the account, even with the right one, until the window passes', async () => {
		await setClock(0);
		const c = new Client(server.url);
		for (let i = 0; i < 10; i++) {
			const a = await c.action('/login', { username: 'clerk2', password: `wrong-${i}` });
			expect(a.status).toBe(400);
			expect(a.data?.message).toBe(zh.login_error_invalid);
		}
		const blocked = await c.action('/login', { username: 'clerk2', password: PASSWORD });
		figures.requests += 11;
		expect(blocked.status).toBe(429);
		expect(String(blocked.data?.message)).toContain(prefix(zh.login_error_limited));
		expect(c.cookies.has('fd_session')).toBe(false);
		// The same address trying another account is held back too (per-address limit).
		const other = await c.action('/login', { username: 'manager', password: 'wrong' });
		expect(other.status).toBe(429);
		// A sliding window: 15 minutes later the right password works again.
		await setClock(16 * MIN);
		await c.login('clerk2');
		figures.requests += 2;
	});

	test('5 wrong phone digits block a room (and the kiosk) until the window passes', async () => {
		await setClock(20 * MIN);
		const c = new Client(server.url);
		const wrong = A.last4 === '0000' ? '1111' : '0000';
		for (let i = 0; i < 5; i++) {
			const a = await c.action('/kiosk/identify', { room: A.code, digits: wrong });
			expect(a.status).toBe(400);
			expect(a.data?.message).toBe(zh.kiosk_identify_invalid);
		}
		const blocked = await c.action('/kiosk/identify', { room: A.code, digits: A.last4 });
		figures.requests += 6;
		expect(blocked.status).toBe(429);
		expect(String(blocked.data?.message)).toContain(prefix(zh.kiosk_identify_limited));
		expect(c.cookies.has('fd_session')).toBe(false);
		const otherRoom = await c.action('/kiosk/identify', { room: B.code, digits: B.last4 });
		expect(otherRoom.status).toBe(429);
		await setClock(36 * MIN);
		await c.identify(A.code, A.last4);
		figures.requests += 2;
	});
});
