/**
 * Pure planning of a move from one SQLite file into the company's PostgreSQL database: which tables
 * are copied and in what order, and how every id a row holds (foreign keys, ids held without a
 * foreign key, ids inside JSON) is rewritten through the old → new maps. No database here.
 */

/** A table of the SQLite file as the copier sees it. */
export interface SourceTable {
	name: string;
	columns: string[];
	/** The integer primary key `id`, or false for tables keyed otherwise (sessions, open_bills…). */
	hasId: boolean;
	/** Foreign keys to another table's id: column → table. */
	foreignKeys: { column: string; table: string }[];
}

/** Tables not copied, and why: nothing in them outlives a cut-over. */
export const SKIPPED_TABLES: Record<string, string> = {
	__drizzle_migrations: "SQLite's own migration record; PostgreSQL has schema_migrations",
	sessions: 'sign-in sessions: everyone signs in again on the company server',
	login_attempts: 'the sign-in flood counter of the old server',
	import_staged: 'an import between preview and confirm (30 minutes at most)',
	import_progress: 'the progress of a running check (30 minutes at most)'
};

/**
 * Tables PostgreSQL's triggers fill from the copied ledger rows (drizzle-pg twins of drizzle/0024,
 * 0026): `principal_postings` is written by the insert of each payment line and vacancy credit, so
 * copying it too would post every amount twice. `open_bills` is also trigger-kept, but its rows
 * depend on the order ledger rows arrived in (a void re-derives a bill's row), and the copy inserts
 * in table order, not in time order: after the copy it is replaced by the source's rows, remapped.
 * Both are compared with the source before COMMIT.
 */
export const TRIGGER_FILLED_TABLES = ['principal_postings'] as const;
export const REBUILT_TABLES = ['open_bills'] as const;

/**
 * Integer ids held without a foreign key (grep of the code that writes them), as
 * table → column → the table the id belongs to. `payment_lines.ref_id` and the actors depend on a
 * kind column: see `refTable`.
 */
export const SOFT_REFERENCES: Record<string, Record<string, string>> = {
	renovations: { fee_payment_id: 'payments' },
	waiver_entries: { request_id: 'waiver_requests' },
	audit_log: { community_id: 'communities' },
	// The derived tables, remapped to compare them (and to rebuild open_bills).
	open_bills: { community_id: 'communities', unit_id: 'units', fee_item_id: 'fee_items' },
	principal_postings: {
		community_id: 'communities',
		unit_id: 'units',
		fee_item_id: 'fee_items',
		payment_id: 'payments'
	}
};

/** `payment_lines.ref_type` → the table of `ref_id` (fees/pay.ts, renovation deposits). */
const PAYMENT_LINE_REFS: Record<string, string> = {
	renovation: 'renovations',
	renovation_pass: 'renovation_passes'
};

/** An actor's id by its kind (audit_log, ticket_events): a staff member or a resident's unit. */
const ACTOR_TABLES: Record<string, string> = { staff: 'staff_users', resident: 'units' };

/** The table a polymorphic id column points at in this row, or null when it holds no row id. */
export function refTable(
	table: string,
	column: string,
	row: Record<string, unknown>
): string | null {
	if (table === 'payment_lines' && column === 'ref_id')
		return PAYMENT_LINE_REFS[String(row.ref_type)] ?? null;
	if ((table === 'audit_log' || table === 'ticket_events') && column === 'actor_id')
		return ACTOR_TABLES[String(row.actor_kind)] ?? null;
	return SOFT_REFERENCES[table]?.[column] ?? null;
}

/** Polymorphic id columns, for ordering: every table they may point at comes first. */
const POLYMORPHIC: Record<string, Record<string, string[]>> = {
	payment_lines: { ref_id: Object.values(PAYMENT_LINE_REFS) },
	audit_log: { actor_id: Object.values(ACTOR_TABLES) },
	ticket_events: { actor_id: Object.values(ACTOR_TABLES) }
};

/** Every column of `table` holding another row's id, with the tables it may point at. */
export function idColumns(t: SourceTable): Map<string, string[]> {
	const out = new Map<string, string[]>();
	for (const fk of t.foreignKeys) out.set(fk.column, [fk.table]);
	for (const [column, target] of Object.entries(SOFT_REFERENCES[t.name] ?? {}))
		if (t.columns.includes(column)) out.set(column, [target]);
	for (const [column, targets] of Object.entries(POLYMORPHIC[t.name] ?? {}))
		if (t.columns.includes(column)) out.set(column, targets);
	return out;
}

/** The tables whose ids a row of `t` may hold: in columns, in JSON, as an audit target. */
function dependsOn(t: SourceTable): string[] {
	const out = [...idColumns(t).values()].flat();
	if (JSON_COLUMNS[t.name]) out.push(...Object.values(JSON_ID_KEYS));
	if (t.name === 'audit_log') out.push(...Object.values(AUDIT_TARGET_TABLES), 'units');
	return out;
}

/**
 * The copy order: every table after the tables its ids point at (JSON and audit targets too) (a table's reference to itself,
 * such as a waiver reversal's `reverses_id`, is served by copying its rows in id order). Skipped
 * and trigger-filled tables are left out; rebuilt ones come last. Ties keep name order, so the
 * order is the same on every run. Throws on a cycle, which the schema does not have.
 */
export function copyOrder(tables: SourceTable[]): string[] {
	const copied = tables.filter(
		(t) =>
			!(t.name in SKIPPED_TABLES) &&
			!(TRIGGER_FILLED_TABLES as readonly string[]).includes(t.name) &&
			!(REBUILT_TABLES as readonly string[]).includes(t.name)
	);
	const names = new Set(copied.map((t) => t.name));
	const needs = new Map<string, Set<string>>();
	for (const t of copied)
		needs.set(
			t.name,
			new Set(dependsOn(t).filter((target) => target !== t.name && names.has(target)))
		);
	const order: string[] = [];
	const done = new Set<string>();
	while (order.length < copied.length) {
		const ready = [...needs]
			.filter(([name, deps]) => !done.has(name) && [...deps].every((d) => done.has(d)))
			.map(([name]) => name)
			.sort();
		if (ready.length === 0)
			throw new Error(
				`foreign keys form a cycle among: ${[...needs.keys()].filter((n) => !done.has(n)).join(', ')}`
			);
		for (const name of ready) {
			order.push(name);
			done.add(name);
		}
	}
	const rebuilt = tables
		.map((t) => t.name)
		.filter((n) => (REBUILT_TABLES as readonly string[]).includes(n));
	return [...order, ...rebuilt];
}

/** Old id → new id, per table. */
export type IdMaps = Map<string, Map<number, number>>;

/** The new id of `table`'s row `old`; throws when the row was not copied (a dangling id). */
export function newId(maps: IdMaps, table: string, old: number, where: string): number {
	const id = maps.get(table)?.get(old);
	if (id === undefined) throw new Error(`${where}: ${table} id ${old} was not copied`);
	return id;
}

/**
 * Keys of JSON detail/payload objects that hold a row's id (audit_log.detail, waiver_events.detail:
 * grep of the `detail: {…}` objects the commands write), as key → table.
 */
export const JSON_ID_KEYS: Record<string, string> = {
	billId: 'bills',
	paymentId: 'payments',
	unitId: 'units',
	keyId: 'keys',
	loanId: 'key_loans',
	// records/commands.ts: a person of the records is an owner (the directory's never goes in detail).
	personId: 'owners',
	spaceId: 'parking_spaces',
	tieId: 'unit_owners',
	ownerId: 'owners',
	pairingId: 'kiosk_device_pairings',
	deviceId: 'kiosk_devices',
	requestId: 'waiver_requests',
	shiftId: 'cashier_shifts',
	voidId: 'payment_voids',
	feeItemId: 'fee_items',
	renovationId: 'renovations',
	passId: 'renovation_passes',
	noticeId: 'notices',
	ticketId: 'tickets',
	userId: 'staff_users',
	staffId: 'staff_users',
	communityId: 'communities'
};

/** JSON columns whose ids are rewritten. */
export const JSON_COLUMNS: Record<string, string[]> = {
	audit_log: ['detail'],
	waiver_events: ['detail'],
	renovation_events: ['detail'],
	ticket_events: ['data'],
	payment_lines: ['detail']
};

/**
 * `json` with every id under a key of JSON_ID_KEYS rewritten (at any depth, in arrays too; a
 * `…Ids` key holds a list). An id-looking key not in the list, or an id whose row was not copied,
 * is kept and named in `left` so the report shows it.
 */
export function remapJson(
	json: string,
	maps: IdMaps,
	left: string[] = []
): { json: string; changed: boolean } {
	let value: unknown;
	try {
		value = JSON.parse(json);
	} catch {
		return { json, changed: false };
	}
	let changed = false;
	const one = (table: string, v: unknown, path: string): unknown => {
		if (typeof v !== 'number' || !Number.isInteger(v)) return v;
		const id = maps.get(table)?.get(v);
		if (id === undefined) {
			left.push(`${path}=${v} (no ${table} row)`);
			return v;
		}
		if (id !== v) changed = true;
		return id;
	};
	const walk = (v: unknown, path: string): unknown => {
		if (Array.isArray(v)) return v.map((x, i) => walk(x, `${path}[${i}]`));
		if (v === null || typeof v !== 'object') return v;
		const out: Record<string, unknown> = {};
		for (const [k, x] of Object.entries(v)) {
			const p = path ? `${path}.${k}` : k;
			const single = JSON_ID_KEYS[k];
			const list = k.endsWith('Ids') ? JSON_ID_KEYS[k.slice(0, -1)] : undefined;
			if (single) out[k] = one(single, x, p);
			else if (list && Array.isArray(x)) out[k] = x.map((y, i) => one(list, y, `${p}[${i}]`));
			else {
				if (/(Id|_id)$/.test(k) && typeof x === 'number') left.push(`${p}=${x} (unknown key)`);
				out[k] = walk(x, p);
			}
		}
		return out;
	};
	const out = walk(value, '');
	return changed ? { json: JSON.stringify(out), changed } : { json, changed };
}

/**
 * audit_log.target_type → the table whose row id `target_id` holds. Types that name a row by its
 * code (payment: receipt number, ticket, renovation, waiver_request: their numbers; month; address)
 * are not listed: a code is kept by the move. `unit` is both: a code for most actions, an id for
 * the ones in UNIT_ID_ACTIONS and the records' (records/commands.ts).
 */
export const AUDIT_TARGET_TABLES: Record<string, string> = {
	appointment: 'appointments',
	appointment_plan: 'appointment_plans',
	account_map_change: 'account_map_changes',
	community: 'communities',
	directory_person: 'directory_people',
	errand: 'errands',
	fee_item: 'fee_items',
	import_batch: 'import_batches',
	item_deposit: 'item_deposits',
	item_release: 'item_releases',
	key: 'keys',
	key_loan: 'key_loans',
	kiosk_device: 'kiosk_devices',
	movein_case: 'movein_cases',
	notice: 'notices',
	owner: 'owners',
	paid_service: 'paid_services',
	parcel: 'parcels',
	parking_space: 'parking_spaces',
	reconciliation: 'reconciliations',
	shift: 'cashier_shifts',
	staff_user: 'staff_users',
	vehicle: 'vehicles',
	visitor: 'visitors'
};
export const UNIT_ID_ACTIONS = new Set([
	'unit.occupancy',
	'unit.handover_notice_date',
	'arrears.reminder',
	'parcel.authorise',
	'parcel.withdraw'
]);

/** The table an audit line's target_id names by id, or null when it is a code or nothing. */
export function auditTargetTable(targetType: string, action: string): string | null {
	if (targetType === 'unit')
		return UNIT_ID_ACTIONS.has(action) || action.startsWith('records.') ? 'units' : null;
	return AUDIT_TARGET_TABLES[targetType] ?? null;
}

/**
 * A source row in its new ids: every id column through its table's map (a foreign key whose row
 * was not copied throws; a soft or polymorphic id that cannot be mapped is kept and named in
 * `left`), audit targets named by id, and ids inside JSON columns. The row's own `id` is dropped:
 * the caller gives it the new one.
 */
export function rewriteRow(
	t: SourceTable,
	row: Record<string, unknown>,
	maps: IdMaps,
	left: string[] = []
): Record<string, unknown> {
	const out: Record<string, unknown> = { ...row };
	if (t.hasId) delete out.id;
	const where = `${t.name} ${t.hasId ? `id ${row.id}` : JSON.stringify(row).slice(0, 60)}`;
	const hard = new Set(t.foreignKeys.map((f) => f.column));
	for (const [column, targets] of idColumns(t)) {
		const v = row[column];
		if (v === null || v === undefined) continue;
		const target = hard.has(column) ? targets[0] : refTable(t.name, column, row);
		if (hard.has(column)) out[column] = newId(maps, target as string, Number(v), where);
		else if (target === null) left.push(`${where}: ${column}=${v} names no row (kept)`);
		else {
			const id = maps.get(target)?.get(Number(v));
			if (id === undefined) left.push(`${where}: ${column}=${v}, no ${target} row (kept)`);
			else out[column] = id;
		}
	}
	if (t.name === 'audit_log') {
		const target = auditTargetTable(String(row.target_type), String(row.action));
		const v = String(row.target_id);
		if (target && /^\d+$/.test(v)) {
			const id = maps.get(target)?.get(Number(v));
			if (id === undefined) left.push(`${where}: target_id=${v}, no ${target} row (kept)`);
			else out.target_id = String(id);
		}
	}
	if (t.name === 'staff_users') dropCompanyRights(out, left);
	for (const column of JSON_COLUMNS[t.name] ?? [])
		if (typeof row[column] === 'string') {
			const before = left.length;
			out[column] = remapJson(row[column] as string, maps, left).json;
			for (let i = before; i < left.length; i++) left[i] = `${where}: ${column}.${left[i]}`;
		}
	return out;
}

/**
 * Rights over every centre do not travel with a centre: a company admin of the file (its own
 * admin, alone until now) would become one of the whole company, and a head-office account would
 * read every centre. The first loses the flag, the second is deactivated; both are named in `notes`
 * so the company's admin can grant them again on purpose.
 */
export function dropCompanyRights(user: Record<string, unknown>, notes: string[]): void {
	if (user.company_admin === 1 || user.company_admin === true) {
		user.company_admin = 0;
		notes.push(
			`staff_users ${user.username}: company admin in the file, not in the company (grant it again if meant)`
		);
	}
	if (user.role === 'head_office' && (user.active === 1 || user.active === true)) {
		user.active = 0;
		notes.push(
			`staff_users ${user.username}: head-office account deactivated (the company has its own)`
		);
	}
}
