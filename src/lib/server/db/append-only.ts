import type Database from 'better-sqlite3';

/**
 * Financial tables are insert-only: these triggers make SQLite itself refuse UPDATE and DELETE,
 * so no code path (or stray SQL) can rewrite the ledger. Add each new financial table here.
 */
export const APPEND_ONLY_TABLES = [
	'fee_rates',
	'bills',
	'payments',
	'payment_lines',
	'payment_voids',
	'receipt_prints',
	'waiver_entries',
	'setting_changes',
	'vacancy_credits',
	'import_batches',
	'opening_credits',
	'ticket_events',
	'key_loans',
	'key_returns',
	'movein_item_events',
	'renovation_events',
	'renovation_passes',
	'deposit_settlements',
	'deposit_settlement_lines',
	'queue_tickets',
	'queue_events',
	'waiver_request_bills',
	'waiver_events',
	'cashier_shifts',
	'shift_closes',
	'shift_acknowledgements',
	'charges',
	'principal_postings',
	'arrears_reminders',
	'directory_presence',
	'errands',
	'errand_events',
	'parcel_authorisations',
	'parcel_authorisation_withdrawals',
	'parcels',
	'parcel_handovers',
	'visitors',
	'visitor_exits',
	'item_deposits',
	'item_claims',
	'item_releases',
	'item_release_passes',
	'appointment_plans',
	'appointments',
	'appointment_events',
	'reconciliations',
	'reconciliation_items',
	'account_map_changes',
	'notices',
	'notice_versions',
	'notice_withdrawals',
	'kiosk_device_pairings',
	'kiosk_device_revocations',
	'audit_log'
] as const;

export function installAppendOnlyTriggers(
	sqlite: Database.Database,
	tables: readonly string[] = APPEND_ONLY_TABLES
) {
	const existing = new Set(
		(
			sqlite.prepare(`SELECT name FROM sqlite_master WHERE type = 'table'`).all() as {
				name: string;
			}[]
		).map((r) => r.name)
	);
	for (const table of tables) {
		if (!existing.has(table)) continue;
		for (const op of ['UPDATE', 'DELETE']) {
			sqlite.exec(
				`CREATE TRIGGER IF NOT EXISTS ${table}_no_${op.toLowerCase()} BEFORE ${op} ON ${table}
				 BEGIN SELECT RAISE(ABORT, 'append-only table: ${table}'); END;`
			);
		}
	}
}
