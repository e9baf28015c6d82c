import { afterAll, beforeAll, describe, expect, inject, test } from 'vitest';
import { join } from 'node:path';
import { AppServer, dbDir, freshDb } from './lib/server';
import { Client, decodeAction, type ActionAnswer } from './lib/http';
import { builtRoutes, pathOf, type RouteInfo } from './lib/routes';
import { ACCOUNT_OF_ACCESS, policyOf, sampleParams, type Access } from './lib/access';
import { actionName, forms } from './lib/html';
import { changedTables, dbChecksum, withDb } from './lib/db';
import { BAD_NAMES, BAD_VALUES, MALFORMED, fakePhotos } from './lib/fuzz';

/*
 * The bad-input sweep: every form action of the built app gets malformed bodies, oversized,
 * wrong-type and injection-like values in every field it has (read from the rendered form and the
 * action's own answer), as use:enhance posts them and as a plain HTML form. Each answer must be a
 * refusal (4xx) that carries a message, never a 5xx, and the database must not change (all tables
 * but sessions, login_attempts and audit_log). GET forms (search, filters) get the same values in
 * the query string and must never answer 5xx.
 */

const routes: RouteInfo[] = builtRoutes(join(inject('workDir'), 'discover-fuzz.db'));
let server: AppServer;
let db: string;
let residentUnit: { id: number; code: string; last4: string };
const figures = { inputs: 0, actions: 0, queries: 0 };

/**
 * Actions with no input to get wrong: whatever is posted they do their one thing. (Queue "next"
 * reads only an optional double-submit key, cut to 100 characters; with nobody waiting it writes nothing.)
 */
const TAKES_NO_INPUT = new Set([
	'/locale?/default',
	'/logout?/default',
	'/(staff)/queue?/next',
	'/kiosk/me/bills?/queue'
]);
/**
 * Values reviewed as valid input for an action (so not sent as "bad" there). Full-width digits
 * are what a Chinese keyboard types: "１２３" is receipt SF-<this year>-000123, and a reason.
 */
const REVIEWED_VALID: Record<string, string[]> = {
	'/(manager)/manager/voids?/void': ['full-width digits']
};
/** The query-string sweep uses a few values of each kind (every GET is a page render or a PDF). */
const QUERY_VALUES = [
	'oversized ASCII (10 000)',
	'SQL quote',
	'HTML/script',
	'CRLF header injection',
	'negative',
	'huge number',
	'NaN',
	'bad date',
	'full-width digits',
	'JSON',
	'empty'
];
/** Sign-in and identification count failures: swept last, so their limits do not lock the sweep out. */
const LAST = ['/login?/default', '/kiosk/identify?/default'];

const actions = routes
	.flatMap((r) => (r.page?.actions ?? []).map((a) => ({ route: r, action: a })))
	// Actions that write whatever they get go after the others (their rows must not feed other sweeps), sign-in last.
	.sort((a, b) => rank(a) - rank(b));
function rank(a: { route: RouteInfo; action: string }): number {
	const label = `${a.route.id}?/${a.action}`;
	return LAST.includes(label) ? 2 : TAKES_NO_INPUT.has(label) ? 1 : 0;
}

beforeAll(async () => {
	db = freshDb(inject('templateDb'), inject('workDir'), 'bad-input');
	server = await AppServer.start({ dbFile: db, logFile: join(dbDir(db), 'server.log') });
	residentUnit = withDb(db, (d) => {
		const r = d
			.prepare(
				`SELECT u.id, u.code, o.phone FROM units u JOIN unit_owners uo ON uo.unit_id = u.id JOIN owners o ON o.id = uo.owner_id ORDER BY u.id LIMIT 1`
			)
			.get() as { id: number; code: string; phone: string };
		return { id: r.id, code: r.code, last4: r.phone.replace(/\D/g, '').slice(-4) };
	});
});

afterAll(async () => {
	await server?.close();
	console.log(
		`[bad-input] ${figures.inputs} bad inputs posted to ${figures.actions} actions, ${figures.queries} bad query strings`
	);
});

const clients = new Map<string, Client>();
/** A client signed in as the account that may use `access` (one per account, kept). */
async function clientFor(access: Access): Promise<Client> {
	const who =
		access === 'public' ? 'anonymous' : access === 'resident' ? access : ACCOUNT_OF_ACCESS[access];
	let c = clients.get(who);
	if (c && (who === 'anonymous' || c.cookies.has('fd_session'))) return c;
	c = new Client(server.url);
	if (who === 'resident') await c.identify(residentUnit.code, residentUnit.last4);
	else if (who !== 'anonymous') await c.login(who);
	clients.set(who, c);
	return c;
}

type Verdict = 'refused' | 'refused without a message' | 'accepted' | 'server error';

function hasMessage(x: unknown): boolean {
	if (!x || typeof x !== 'object') return false;
	const o = x as Record<string, unknown>;
	for (const k of ['message', 'error'])
		if (typeof o[k] === 'string' && (o[k] as string).trim()) return true;
	const errors = o.errors;
	if (
		errors &&
		typeof errors === 'object' &&
		Object.values(errors).some((v) =>
			typeof v === 'string' ? v.trim() : Array.isArray(v) && v.length
		)
	)
		return true;
	return false;
}

function verdictOf(a: ActionAnswer): Verdict {
	if (
		a.httpStatus >= 500 ||
		(a.type === 'error' && a.status >= 500) ||
		(a.type === 'unknown' && a.httpStatus >= 500)
	)
		return 'server error';
	if (a.type === 'failure')
		return a.status >= 400 && a.status < 500 && hasMessage(a.data)
			? 'refused'
			: 'refused without a message';
	if (a.type === 'error' || a.type === 'unknown')
		return a.status >= 400 && a.status < 500 && hasMessage(a.error ?? a.data)
			? 'refused'
			: a.status >= 400 && a.status < 500
				? 'refused without a message'
				: 'server error';
	return 'accepted';
}

/** The field names an action reads: its form on the page, and what its own refusal echoes back. */
async function fieldsOf(
	c: Client,
	path: string,
	action: string
): Promise<{ names: string[]; multipart: boolean }> {
	const names = new Set<string>();
	let multipart = false;
	const page = await c.get(path);
	if (page.status === 200) {
		for (const f of forms(page.text)) {
			if (f.method !== 'post' || actionName(f) !== action) continue;
			multipart ||= /multipart/i.test(f.enctype);
			for (const field of f.fields) if (field.tag !== 'button') names.add(field.name);
		}
	}
	const empty = await c.action(action === 'default' ? path : `${path}?/${action}`, {});
	for (const part of ['values', 'errors']) {
		const o = (empty.data as Record<string, unknown> | null)?.[part];
		if (o && typeof o === 'object')
			for (const k of Object.keys(o)) if (!k.startsWith('_')) names.add(k);
	}
	if (names.size === 0)
		for (const n of ['id', 'note', 'text', 'amount', 'reason', 'key', 'idem']) names.add(n);
	return { names: [...names], multipart };
}

const FAKE_PHOTOS = fakePhotos();

function multipartBody(
	pairs: [string, string | { file: string; type: string; content: string | Uint8Array }][]
) {
	const fd = new FormData();
	for (const [k, v] of pairs) {
		if (typeof v === 'string') fd.append(k, v);
		else
			fd.append(
				k,
				new Blob([typeof v.content === 'string' ? v.content : new Uint8Array(v.content)], {
					type: v.type
				}),
				v.file
			);
	}
	return fd;
}

describe('query strings', () => {
	test('GET forms (search, filters) and documents with bad query values never answer 5xx', async () => {
		const wrong: string[] = [];
		for (const r of routes) {
			const access = policyOf(r.id)!;
			const c = await clientFor(access);
			const { values } = withDb(db, (d) => sampleParams(d, r.id, r.params, residentUnit.id));
			const path = pathOf(r.id, values);
			const names = new Set<string>([
				'q',
				'from',
				'to',
				'page',
				'month',
				'unit',
				'state',
				'format',
				'next',
				'prepay'
			]);
			if (r.page) {
				const page = await c.get(path);
				for (const f of forms(page.text))
					if (f.method === 'get') for (const field of f.fields) names.add(field.name);
			}
			if (!r.page && !r.endpoint?.includes('GET')) continue;
			// (Values cut to 100 characters: the whole address must stay under Node's 16 KB header limit.)
			for (const { name, value } of [
				...BAD_VALUES.filter((v) => QUERY_VALUES.includes(v.name)),
				{ name: 'one long q', value: '' }
			]) {
				const q =
					name === 'one long q'
						? new URLSearchParams({ q: 'A'.repeat(5000) })
						: new URLSearchParams([...names].map((n) => [n, value.slice(0, 100)]));
				const res = await c.fetch(`${path}?${q}`, { headers: { accept: 'text/html' } });
				figures.queries++;
				await res.arrayBuffer();
				if (res.status >= 500) wrong.push(`${path} ${name}: ${res.status}`);
			}
		}
		expect(wrong).toEqual([]);
	});
});

describe.each(actions.map((a) => [`${a.route.id}?/${a.action}`, a] as const))(
	'%s',
	(label, { route, action }) => {
		test('bad input: 4xx with a message, never a 5xx, nothing written', async () => {
			const access = policyOf(route.id, action)!;
			const c = await clientFor(access);
			const { values } = withDb(db, (d) =>
				sampleParams(d, route.id, route.params, residentUnit.id)
			);
			const path = pathOf(route.id, values);
			const target = action === 'default' ? path : `${path}?/${action}`;
			const { names, multipart } = await fieldsOf(c, path, action);
			const before = dbChecksum(db);
			const bad: string[] = [];
			const verdicts = new Map<Verdict, number>();

			const send = async (what: string, post: (cl: Client) => Promise<ActionAnswer>) => {
				const cl = await clientFor(access);
				const a = await post(cl);
				figures.inputs++;
				const v = verdictOf(a);
				verdicts.set(v, (verdicts.get(v) ?? 0) + 1);
				if (
					v === 'server error' ||
					v === 'refused without a message' ||
					(v === 'accepted' && !TAKES_NO_INPUT.has(label))
				)
					bad.push(`${what}: ${v} ${a.status} ${a.raw.slice(0, 160)}`);
			};

			for (const { name, value } of BAD_VALUES) {
				if (REVIEWED_VALID[label]?.includes(name)) continue;
				const pairs = names.map((n) => [n, value] as [string, string]);
				await send(name, (cl) => cl.action(target, new URLSearchParams(pairs)));
				if (multipart)
					await send(`${name} (multipart)`, (cl) => cl.action(target, multipartBody(pairs)));
			}
			// The same field three times, with different bad values (an array where one value is read).
			await send('repeated fields', (cl) =>
				cl.action(
					target,
					new URLSearchParams(
						names.flatMap(
							(n) =>
								[
									[n, '-1'],
									[n, BAD_VALUES[0].value],
									[n, '<b>']
								] as [string, string][]
						)
					)
				)
			);
			// A file where text is expected.
			await send('files for every field', (cl) =>
				cl.action(
					target,
					multipartBody(
						names.map((n) => [
							n,
							{ file: '../x.html', type: 'text/html', content: '<script>alert(1)</script>' }
						])
					)
				)
			);
			// Files that pretend to be photos, where a form takes files.
			if (multipart)
				for (const f of FAKE_PHOTOS)
					await send(`${f.name} for every field`, (cl) =>
						cl.action(target, multipartBody(names.map((n) => [n, f])))
					);
			for (const n of BAD_NAMES)
				await send(`field named ${n.slice(0, 20)}`, (cl) =>
					cl.action(
						target,
						new URLSearchParams([[n, 'x'], ...names.map((k) => [k, 'x'] as [string, string])])
					)
				);
			for (const m of MALFORMED)
				await send(m.name, async (cl) => {
					const res = await cl.fetch(target, {
						method: 'POST',
						headers: {
							'content-type': m.type,
							origin: cl.origin,
							accept: 'application/json',
							'x-sveltekit-action': 'true'
						},
						body: m.body
					});
					return decodeAction(res.status, await res.text());
				});
			// Without JavaScript (a plain form post): the page comes back with the message, or a 303; never a 5xx.
			for (const { name, value } of [BAD_VALUES[0], BAD_VALUES[3], BAD_VALUES[13]]) {
				const cl = await clientFor(access);
				const res = await cl.post(target, new URLSearchParams(names.map((n) => [n, value])));
				figures.inputs++;
				if (
					res.status >= 500 ||
					(res.status < 400 && res.status !== 303 && !TAKES_NO_INPUT.has(label))
				)
					bad.push(`plain form, ${name}: ${res.status}`);
			}
			figures.actions++;

			const after = dbChecksum(db);
			const changed = changedTables(before.tables, after.tables);
			expect(bad.length, `fields: ${names.join(', ')}\n${bad.join('\n')}`).toBe(0);
			if (!TAKES_NO_INPUT.has(label))
				expect(changed, 'tables written by refused input').toEqual([]);
		});
	}
);
