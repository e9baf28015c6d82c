import type Database from 'better-sqlite3';
import type { ActionAnswer, Answer } from './http';

/*
 * The access policy the suite holds the app to, by route id (groups included), independent of the
 * app's own rules in access.ts. A route that matches none of these fails the access test: whoever
 * adds it must say who may use it.
 */
export type Access =
	| 'public'
	| 'resident'
	| 'clerk'
	| 'manager'
	| 'admin'
	// Head office's dashboard (head office and company admins), and the company admin's pages.
	| 'company'
	| 'company_admin';
/** The seeded admin is also the company admin; `head_office` signs in as `hq` and only reads. */
export const ROLES = ['anonymous', 'resident', 'clerk', 'manager', 'admin', 'head_office'] as const;
export type Role = (typeof ROLES)[number];

/**
 * Which seeded account a staff role signs in as: a route group's name is not a username (the
 * company pages are head office's `hq` and the company admin's `admin`).
 */
export const ACCOUNT_OF_ROLE: Record<Exclude<Role, 'anonymous' | 'resident'>, string> = {
	clerk: 'clerk',
	manager: 'manager',
	admin: 'admin',
	head_office: 'hq'
};

/** The seeded account that may use routes of a staff access (the least-privileged one that may). */
export const ACCOUNT_OF_ACCESS: Record<Exclude<Access, 'public' | 'resident'>, string> = {
	clerk: 'clerk',
	manager: 'manager',
	admin: 'admin',
	company: 'hq',
	company_admin: 'admin'
};

export const POLICY: [RegExp, Access][] = [
	[/^\/\(company\)\/company\/communities(\/|$)/, 'company_admin'],
	[/^\/\(company\)(\/|$)/, 'company'],
	[/^\/\(manager\)\/admin(\/|$)/, 'admin'],
	[/^\/\(manager\)(\/|$)/, 'manager'],
	// 过户 is a manager's page inside the clerk-visible records.
	[/^\/\(staff\)\/records\/units\/\[id\]\/transfer$/, 'manager'],
	[/^\/\(staff\)(\/|$)/, 'clerk'],
	// Every staff member's own password, and which of their communities they work in.
	[/^\/account\/(password|community)$/, 'clerk'],
	[/^\/kiosk\/me(\/|$)/, 'resident'],
	[/^\/kiosk(\/|$)/, 'public'],
	[/^\/(login|logout|locale|healthz|verify)(\/|$)/, 'public'],
	// The e2e clock hook: public, and 404 unless FRONTDESK_TEST_HOOKS=1 (checked separately).
	[/^\/__test(\/|$)/, 'public'],
	[/^\/$/, 'public']
];

/** Actions that need more than their page (a clerk's page with a manager's button). */
export const ACTION_POLICY: Record<string, Access> = {
	'/(staff)/renovation/[id]?/approve': 'manager',
	'/(staff)/renovation/[id]?/reject': 'manager',
	'/(staff)/shift?/acknowledge': 'manager',
	// Clerks view the records (and correct a phone); changes are a manager's.
	'/(staff)/records?/createUnit': 'manager',
	'/(staff)/records/units/[id]?/edit': 'manager',
	'/(staff)/records/units/[id]?/addTie': 'manager',
	'/(staff)/records/units/[id]?/tieExisting': 'manager',
	'/(staff)/records/units/[id]?/endTie': 'manager',
	'/(staff)/records/people?/create': 'manager',
	'/(staff)/records/people/[id]?/edit': 'manager',
	'/(staff)/records/people/[id]?/addTie': 'manager',
	'/(staff)/records/spaces?/createSpace': 'manager',
	'/(staff)/records/spaces?/assign': 'manager',
	'/(staff)/records/spaces?/endHolding': 'manager',
	'/(staff)/records/spaces?/addVehicle': 'manager',
	'/(staff)/records/spaces?/endVehicle': 'manager',
	// Anyone says where a colleague is; the directory's people are a manager's.
	'/(staff)/directory?/save': 'manager',
	// Clerks read the arrears register and a unit's arrears; notices and reminders are a manager's.
	'/(staff)/arrears?/notices': 'manager',
	'/(staff)/arrears/unit/[unitId]?/remind': 'manager',
	// Clerks book appointments; the teams' slot plans are a manager's.
	'/(staff)/appointments?/plan': 'manager'
};

export function policyOf(routeId: string, action?: string): Access | null {
	if (action && ACTION_POLICY[`${routeId}?/${action}`])
		return ACTION_POLICY[`${routeId}?/${action}`];
	return POLICY.find(([re]) => re.test(routeId))?.[1] ?? null;
}

/** What a response amounts to, access-wise. */
export type Outcome = 'ok' | 'login' | 'identify' | 'forbidden' | 'notfound' | 'redirect' | 'error';

function byLocation(loc: string): Outcome {
	const path = new URL(loc, 'http://x').pathname;
	if (path === '/login') return 'login';
	if (path === '/kiosk/identify') return 'identify';
	return 'redirect';
}

function byStatus(status: number): Outcome {
	if (status >= 500) return 'error';
	if (status === 401) return 'login';
	if (status === 403) return 'forbidden';
	if (status === 404) return 'notfound';
	return 'ok';
}

/** A GET of a page, a +server endpoint or a __data.json request. */
export function outcomeOfGet(a: Answer, dataRequest: boolean): Outcome {
	if (a.status >= 300 && a.status < 400 && a.location) return byLocation(a.location);
	if (dataRequest && a.status === 200) {
		try {
			const j = JSON.parse(a.text) as {
				type: string;
				location?: string;
				status?: number;
				nodes?: ({ type: string; status?: number } | null)[];
			};
			if (j.type === 'redirect' && j.location) return byLocation(j.location);
			if (j.type === 'error') return byStatus(j.status ?? 500);
			// A load that threw shows up as an error node inside a 200 answer.
			const failed = j.nodes?.find((n) => n?.type === 'error');
			if (failed) return byStatus(failed.status ?? 500);
		} catch {
			return 'error';
		}
	}
	return byStatus(a.status);
}

export function outcomeOfAction(a: ActionAnswer): Outcome {
	if (a.type === 'redirect' && a.location) return byLocation(a.location);
	if (a.type === 'failure' || a.type === 'success') return 'ok';
	return byStatus(a.type === 'error' ? a.status : a.httpStatus);
}

const RANK: Record<string, number> = { clerk: 1, manager: 2, admin: 3 };

/** The only routes head office posts to: its own password and the community it looks at. */
export const HEAD_OFFICE_WRITES = [/^\/account\/(password|community)$/];

/** Whether a staff role may use a staff route (`write`: an action or a non-GET method). */
function staffMay(access: Access, role: Role, write: boolean, routeId: string): boolean {
	if (role === 'head_office') {
		if (write) return HEAD_OFFICE_WRITES.some((re) => re.test(routeId));
		return access === 'clerk' || access === 'manager' || access === 'company';
	}
	if (access === 'company' || access === 'company_admin') return role === 'admin';
	return RANK[role] >= RANK[access];
}

/** The outcomes a role may get on a route of the given access. */
export function allowedOutcomes(
	access: Access,
	role: Role,
	write = false,
	routeId = ''
): Outcome[] {
	if (access === 'public') return ['ok', 'redirect', 'login', 'identify', 'notfound'];
	if (access === 'resident')
		return role === 'resident' ? ['ok', 'redirect', 'notfound'] : ['identify'];
	if (role === 'anonymous' || role === 'resident') return ['login'];
	return staffMay(access, role, write, routeId) ? ['ok', 'redirect', 'notfound'] : ['forbidden'];
}

/** Whether the role is let in at all (for "allowed roles must actually get the page"). */
export function admitted(access: Access, role: Role, write = false, routeId = ''): boolean {
	if (access === 'public') return true;
	if (access === 'resident') return role === 'resident';
	return role !== 'anonymous' && role !== 'resident' && staffMay(access, role, write, routeId);
}

/** Real values for route params, from the database (null: none exists, a dummy is used). */
const SAMPLES: [RegExp, Record<string, string>][] = [
	[/\/fees\/\[unitCode\]/, { unitCode: `SELECT code FROM units ORDER BY id LIMIT 1` }],
	// A resident reprints only their own unit's receipts of the last 24 months: its newest one.
	[
		/\/kiosk\/me\/receipts\/\[receiptNo\]/,
		{
			receiptNo: `SELECT receipt_no FROM payments WHERE unit_id = :residentUnit ORDER BY id DESC LIMIT 1`
		}
	],
	[/\[receiptNo\]/, { receiptNo: `SELECT receipt_no FROM payments ORDER BY id LIMIT 1` }],
	[/\/visitors\/out\/\[token\]/, { token: `SELECT token FROM visitors ORDER BY id LIMIT 1` }],
	[/\/visitors\/\[id\]/, { id: `SELECT id FROM visitors ORDER BY id LIMIT 1` }],
	[/\/keys\/\[id\]/, { id: `SELECT id FROM keys ORDER BY id LIMIT 1` }],
	[
		/\/parcels\/\[id\]\/photo/,
		{ id: `SELECT id FROM parcels WHERE photo IS NOT NULL ORDER BY id LIMIT 1` }
	],
	// A slip exists once a parcel is handed over.
	[/\/parcels\/\[id\]/, { id: `SELECT parcel_id FROM parcel_handovers ORDER BY id LIMIT 1` }],
	[/\/items\/deposits\/\[id\]/, { id: `SELECT id FROM item_deposits ORDER BY id LIMIT 1` }],
	[/\/items\/releases\/\[id\]/, { id: `SELECT id FROM item_releases ORDER BY id LIMIT 1` }],
	[/\/records\/units\/\[id\]/, { id: `SELECT id FROM units ORDER BY id LIMIT 1` }],
	[/\/records\/people\/\[id\]/, { id: `SELECT id FROM owners ORDER BY id LIMIT 1` }],
	[
		/\/renovation\/\[id\]\/permit/,
		{ id: `SELECT id FROM renovations WHERE permit_no IS NOT NULL ORDER BY id LIMIT 1` }
	],
	[
		/\/renovation\/\[id\]\/passes/,
		{ id: `SELECT renovation_id FROM renovation_passes ORDER BY id LIMIT 1` }
	],
	[
		/\/renovation\/\[id\]\/deduction-photos\/\[lineId\]/,
		{
			id: `SELECT s.renovation_id FROM deposit_settlement_lines l
				JOIN deposit_settlements s ON s.id = l.settlement_id
				WHERE l.photo_file_name IS NOT NULL ORDER BY l.id LIMIT 1`,
			lineId: `SELECT id FROM deposit_settlement_lines WHERE photo_file_name IS NOT NULL ORDER BY id LIMIT 1`
		}
	],
	[/\/renovation\/\[id\]/, { id: `SELECT id FROM renovations ORDER BY id LIMIT 1` }],
	[
		/\/vouchers\/\[voucherNo\]/,
		{ voucherNo: `SELECT voucher_no FROM deposit_settlements ORDER BY id LIMIT 1` }
	],
	[/waivers\/\[id\]/, { id: `SELECT id FROM waiver_requests ORDER BY id LIMIT 1` }],
	[
		/\/tickets\/\[no\]\/photos\/\[id\]/,
		{
			no: `SELECT t.ticket_no FROM ticket_photos p JOIN tickets t ON t.id = p.ticket_id ORDER BY p.id LIMIT 1`,
			id: `SELECT id FROM ticket_photos ORDER BY id LIMIT 1`
		}
	],
	[
		/\/kiosk\/me\/requests\/\[no\]\/photos\/\[id\]/,
		{
			no: `SELECT t.ticket_no FROM ticket_photos p JOIN tickets t ON t.id = p.ticket_id WHERE t.unit_id = :residentUnit ORDER BY p.id LIMIT 1`,
			id: `SELECT p.id FROM ticket_photos p JOIN tickets t ON t.id = p.ticket_id WHERE t.unit_id = :residentUnit ORDER BY p.id LIMIT 1`
		}
	],
	[
		/\/kiosk\/me\/requests\/\[no\]/,
		{ no: `SELECT ticket_no FROM tickets WHERE unit_id = :residentUnit ORDER BY id LIMIT 1` }
	],
	[/\/tickets\/\[no\]/, { no: `SELECT ticket_no FROM tickets ORDER BY id LIMIT 1` }],
	[/\/movein\/\[caseId\]/, { caseId: `SELECT id FROM movein_cases ORDER BY id LIMIT 1` }],
	[/\/kiosk\/queue\/\[id\]/, { id: `SELECT id FROM queue_tickets ORDER BY id LIMIT 1` }],
	[/\/verify\/\[code\]/, { code: `SELECT verify_code FROM payments ORDER BY id LIMIT 1` }],
	[/\/kiosk\/info\/\[topic\]/, { topic: `SELECT 'fees'` }],
	[/\/units\/\[id\]/, { id: `SELECT id FROM units ORDER BY id LIMIT 1` }],
	[
		/\/counter\/owner\/\[ownerId\]/,
		{ ownerId: `SELECT owner_id FROM unit_owners WHERE end_date IS NULL ORDER BY id LIMIT 1` }
	]
];

export function sampleParams(
	db: Database.Database,
	routeId: string,
	params: string[],
	residentUnit: number
): { values: Record<string, string>; missing: string[] } {
	const values: Record<string, string> = {};
	const missing: string[] = [];
	const sqls = SAMPLES.find(([re]) => re.test(routeId))?.[1] ?? {};
	for (const p of params) {
		let v: unknown = null;
		if (sqls[p]) {
			try {
				const row = db
					.prepare(sqls[p].replace(':residentUnit', String(residentUnit)))
					.raw()
					.get() as unknown[] | undefined;
				v = row?.[0] ?? null;
			} catch {
				v = null; // the table is not there (yet)
			}
		}
		if (v === null || v === undefined) {
			missing.push(p);
			v = '999999';
		}
		values[p] = String(v);
	}
	return { values, missing };
}
