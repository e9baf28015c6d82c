import { afterAll, beforeAll, describe, expect, inject, test } from 'vitest';
import { join } from 'node:path';
import { AppServer, dbDir, freshDb } from './lib/server';
import { Client } from './lib/http';
import { withDb } from './lib/db';
import { PASSWORD } from './lib/env';

/*
 * Security headers on every kind of answer the app itself produces: pages, errors, redirects,
 * refusals, JSON, PDFs, CSV, form-action answers. Only the hall display (/kiosk/display) may be
 * framed. (Static build assets are served by adapter-node's file server before any hook runs; they
 * are the app's own JS/CSS/fonts with exact content types, see the README "Security headers".)
 */

let server: AppServer;
let db: string;
const c: Record<'anonymous' | 'resident' | 'clerk' | 'manager', Client> = {} as never;
let checked = 0;

beforeAll(async () => {
	db = freshDb(inject('templateDb'), inject('workDir'), 'headers');
	server = await AppServer.start({ dbFile: db, logFile: join(dbDir(db), 'server.log') });
	const unit = withDb(
		db,
		(d) =>
			d
				.prepare(
					`SELECT u.code, o.phone FROM units u JOIN unit_owners uo ON uo.unit_id = u.id JOIN owners o ON o.id = uo.owner_id ORDER BY u.id LIMIT 1`
				)
				.get() as { code: string; phone: string }
	);
	for (const k of Object.keys({
		anonymous: 1,
		resident: 1,
		clerk: 1,
		manager: 1
	}) as (keyof typeof c)[])
		c[k] = new Client(server.url);
	await c.resident.identify(unit.code, unit.phone.slice(-4));
	await c.clerk.login('clerk');
	await c.manager.login('manager');
});

afterAll(async () => {
	await server?.close();
	console.log(`[headers] ${checked} responses checked`);
});

function sample(sql: string): string {
	return withDb(db, (d) => String((d.prepare(sql).raw().get() as unknown[])[0]));
}

interface Probe {
	what: string;
	who: keyof typeof c;
	method?: string;
	/** A function when it needs a row of the database (read once the server is up). */
	path: string | (() => string);
	body?: string;
	headers?: Record<string, string>;
	/** The status it should have (so the probe really is the kind of answer it claims). */
	status: number | number[];
	html?: boolean;
	/** Kiosk slips are printed from a hidden frame of the kiosk's own page: framed by 'self' only. */
	frame?: 'self';
}

const receipt = () => sample('SELECT receipt_no FROM payments ORDER BY id LIMIT 1');
const verify = () => sample('SELECT verify_code FROM payments ORDER BY id LIMIT 1');
const ticket = () => sample('SELECT ticket_no FROM tickets ORDER BY id LIMIT 1');
const probes = (): Probe[] => {
	return [
		{ what: 'sign-in page', who: 'anonymous', path: '/login', status: 200, html: true },
		{ what: 'counter page', who: 'clerk', path: '/counter', status: 200, html: true },
		{ what: 'fee page', who: 'clerk', path: '/fees/1-1-101', status: 200, html: true },
		{ what: 'manager page', who: 'manager', path: '/manager', status: 200, html: true },
		{ what: 'kiosk start', who: 'anonymous', path: '/kiosk', status: 200, html: true },
		{ what: 'resident page', who: 'resident', path: '/kiosk/me/bills', status: 200, html: true },
		{
			what: 'receipt check',
			who: 'anonymous',
			path: () => `/verify/${verify()}`,
			status: 200,
			html: true
		},
		{ what: 'not found page', who: 'clerk', path: '/no-such-page', status: 404, html: true },
		{ what: '403 page', who: 'clerk', path: '/admin', status: 403, html: true },
		{ what: 'redirect to sign-in', who: 'anonymous', path: '/counter', status: 303 },
		{ what: 'redirect to identify', who: 'anonymous', path: '/kiosk/me', status: 303 },
		{
			what: 'refused post (no session)',
			who: 'anonymous',
			method: 'POST',
			path: '/fees/1-1-101?/pay',
			body: 'a=1',
			headers: { 'content-type': 'application/x-www-form-urlencoded' },
			status: 401
		},
		{
			what: 'refused post (role)',
			who: 'clerk',
			method: 'POST',
			path: '/manager/voids?/void',
			body: 'a=1',
			headers: { 'content-type': 'application/x-www-form-urlencoded' },
			status: 403
		},
		{
			what: 'refused post, as JSON',
			who: 'clerk',
			method: 'POST',
			path: '/manager/voids?/void',
			body: 'a=1',
			headers: {
				'content-type': 'application/x-www-form-urlencoded',
				accept: 'application/json',
				'x-sveltekit-action': 'true'
			},
			status: 403
		},
		{
			what: 'action failure (JSON)',
			who: 'clerk',
			method: 'POST',
			path: '/fees/1-1-101?/pay',
			body: 'a=1',
			headers: {
				'content-type': 'application/x-www-form-urlencoded',
				accept: 'application/json',
				'x-sveltekit-action': 'true'
			},
			status: 200
		},
		{
			what: 'action failure (page)',
			who: 'clerk',
			method: 'POST',
			path: '/fees/1-1-101?/pay',
			body: 'a=1',
			headers: { 'content-type': 'application/x-www-form-urlencoded' },
			status: 400,
			html: true
		},
		{ what: 'page data', who: 'clerk', path: '/counter/__data.json', status: 200 },
		{ what: 'health check', who: 'anonymous', path: '/healthz', status: 200 },
		{ what: 'receipt PDF', who: 'clerk', path: () => `/receipts/${receipt()}.pdf`, status: 200 },
		{
			what: 'ticket slip PDF',
			who: 'clerk',
			path: () => `/tickets/${ticket()}/slip.pdf`,
			status: 200
		},
		{
			what: 'statement PDF (kiosk slip)',
			who: 'resident',
			path: '/kiosk/me/statement.pdf',
			status: 200,
			frame: 'self'
		},
		{ what: 'ticket CSV', who: 'clerk', path: '/tickets/export.csv', status: 200 },
		{
			what: 'sign-out redirect',
			who: 'anonymous',
			method: 'POST',
			path: '/logout',
			body: '',
			headers: { 'content-type': 'application/x-www-form-urlencoded' },
			status: 303
		}
	];
};

async function fetchProbe(p: Probe): Promise<Response> {
	const client = c[p.who];
	const res = await client.fetch(typeof p.path === 'function' ? p.path() : p.path, {
		method: p.method ?? 'GET',
		body: p.body,
		headers: { accept: 'text/html', origin: client.origin, ...(p.headers ?? {}) }
	});
	await res.arrayBuffer();
	checked++;
	return res;
}

describe('every answer the app makes carries the security headers', () => {
	test.each(probes().map((p) => [p.what, p] as const))('%s', async (_w, p) => {
		const res = await fetchProbe(p);
		expect([p.status].flat()).toContain(res.status);
		const h = res.headers;
		expect(h.get('x-content-type-options')).toBe('nosniff');
		expect(h.get('referrer-policy')).toMatch(
			/^(same-origin|no-referrer|strict-origin|strict-origin-when-cross-origin)$/
		);
		const csp = h.get('content-security-policy') ?? '';
		if (p.frame === 'self') {
			expect(csp).toMatch(/frame-ancestors 'self'/);
			expect(h.get('x-frame-options')).toBe('SAMEORIGIN');
		} else {
			expect(csp).toMatch(/frame-ancestors 'none'/);
			expect(h.get('x-frame-options')).toBe('DENY');
		}
		if (p.html) {
			// The page policy from svelte.config.js: scripts only from the app (with nonces/hashes), no plugins, no foreign forms.
			expect(csp).toMatch(/default-src 'self'/);
			expect(csp).toMatch(/script-src 'self'/);
			expect(csp).not.toMatch(/script-src[^;]*'unsafe-(inline|eval)'/);
			expect(csp).toMatch(/object-src 'none'/);
			expect(csp).toMatch(/base-uri 'self'/);
			expect(csp).toMatch(/form-action 'self'/);
		}
		if (p.who !== 'anonymous' && res.status === 200)
			expect(h.get('cache-control') ?? '').toMatch(/no-store/);
	});
});

describe('the hall display', () => {
	// An unpaired display shows its pairing screen inside the same frame.
	test.each(['/kiosk/display', '/kiosk/pair?kind=display'])(
		'%s may be framed (signage player), and still has the page policy and the other headers',
		async (path) => {
			const res = await fetchProbe({
				what: 'display',
				who: 'anonymous',
				path,
				status: 200,
				html: true
			});
			expect(res.status).toBe(200);
			const csp = res.headers.get('content-security-policy') ?? '';
			expect(csp).toMatch(/default-src 'self'/);
			expect(csp).not.toMatch(/frame-ancestors 'none'/);
			expect(res.headers.get('x-frame-options')).toBeNull();
			expect(res.headers.get('x-content-type-options')).toBe('nosniff');
			expect(res.headers.get('referrer-policy')).toBeTruthy();
		}
	);
});

describe('the kiosk device cookie', () => {
	test('is HttpOnly, SameSite=Lax, for the whole site, long-lived, and not Secure-only over plain http', async () => {
		const res = await fetch(new URL('/kiosk', server.url), { redirect: 'manual' });
		checked++;
		await res.arrayBuffer();
		const cookie = res.headers.getSetCookie().find((s) => s.startsWith('kiosk_pairing='))!;
		expect(cookie).toBeTruthy();
		expect(cookie).toMatch(/;\s*HttpOnly/i);
		expect(cookie).toMatch(/;\s*SameSite=Lax/i);
		expect(cookie).toMatch(/;\s*Path=\//i);
		expect(Number(/;\s*Max-Age=(\d+)/i.exec(cookie)?.[1])).toBeGreaterThan(300 * 86_400);
		expect(cookie).not.toMatch(/;\s*Secure/i);
	});
});

describe('the session cookie', () => {
	test('is HttpOnly, SameSite=Lax, for the whole site, with a lifetime, and not readable over plain http as Secure-only', async () => {
		const res = await fetch(new URL('/login', server.url), {
			method: 'POST',
			redirect: 'manual',
			headers: {
				origin: server.url,
				'content-type': 'application/x-www-form-urlencoded',
				accept: 'text/html'
			},
			body: new URLSearchParams({ username: 'clerk', password: PASSWORD })
		});
		checked++;
		const cookie = res.headers.getSetCookie().find((s) => s.startsWith('fd_session='))!;
		expect(cookie).toBeTruthy();
		expect(cookie).toMatch(/;\s*HttpOnly/i);
		expect(cookie).toMatch(/;\s*SameSite=Lax/i);
		expect(cookie).toMatch(/;\s*Path=\//i);
		expect(cookie).toMatch(/;\s*Max-Age=\d+/i);
		expect(cookie).not.toMatch(/;\s*Secure/i);
	});
});
