import type { Db } from '../db';
import { stmt } from '../db/stmt';
import { getCommunity } from '../community';
import {
	lateFeeSchedule,
	nextChange,
	PRICED_KEYS,
	PRICED_SETTINGS,
	settingsOn,
	valueInForce,
	type CommunitySettings,
	type PricedKey,
	type SettingChange
} from '../../domain/settings';
import type { LateFeePeriod } from '../../domain/late-fee';

/*
 * Settings that price money, read as in force on the day a computation concerns (DOMAIN: a past
 * day never changes). The changes are cached with the community (getCommunity) and dropped with it
 * on every save.
 */

/** Every recorded change of the community's priced settings, in the order they take effect. */
export function settingChanges(db: Db, communityId: number): SettingChange[] {
	return getCommunity(db, communityId).changes;
}

/** The community's settings with each priced value as in force on `date`. */
export function settingsOnDay(db: Db, communityId: number, date: string): CommunitySettings {
	const c = getCommunity(db, communityId);
	return c.changes.length === 0 ? c.opening : settingsOn(c.opening, c.changes, date);
}

/** The late-fee rate and cap by period: each overdue day is priced at the values of that day. */
export function lateFeeScheduleOf(db: Db, communityId: number): LateFeePeriod[] {
	const c = getCommunity(db, communityId);
	return lateFeeSchedule(c.opening, c.changes);
}

export interface PricedHistoryRow {
	value: unknown;
	from: string;
	byName: string | null;
	at: number;
}

export interface PricedHistory {
	key: PricedKey;
	/** In force today. */
	current: unknown;
	/** The opening value (before any recorded change). */
	opening: unknown;
	/** Recorded changes, newest first. */
	changes: PricedHistoryRow[];
	next: { value: unknown; from: string } | null;
}

/** For the settings page: per priced setting, today's value, the history and the next scheduled change. */
export function pricedHistory(db: Db, communityId: number, today: string): PricedHistory[] {
	const { opening: base, changes } = getCommunity(db, communityId);
	const rows = stmt(
		db,
		`SELECT c.key, c.value, c.effective_from AS "from", s.display_name AS byName, c.created_at AS at
		 FROM setting_changes c LEFT JOIN staff_users s ON s.id = c.created_by WHERE c.community_id = ? ORDER BY c.effective_from DESC, c.id DESC`
	).all(communityId) as {
		key: string;
		value: string;
		from: string;
		byName: string | null;
		at: number;
	}[];
	return PRICED_KEYS.map((key) => {
		const [section, k] = PRICED_SETTINGS[key];
		const opening = (base[section] as Record<string, unknown>)[k];
		const next = nextChange(changes, key, today, opening);
		return {
			key,
			opening,
			current: valueInForce(opening, changes, key, today),
			changes: rows
				.filter((r) => r.key === key)
				.map((r) => ({
					value: JSON.parse(r.value) as unknown,
					from: r.from,
					byName: r.byName,
					at: r.at
				})),
			next: next ? { value: next.value, from: next.from } : null
		};
	});
}

/** Records a change of one priced setting from `from` on (no transaction of its own: callers wrap it). */
export function insertSettingChange(
	db: Db,
	communityId: number,
	key: PricedKey,
	value: unknown,
	from: string,
	actorId: number | null,
	now: number
): void {
	stmt(
		db,
		'INSERT INTO setting_changes (community_id, key, value, effective_from, created_by, created_at) VALUES (?, ?, ?, ?, ?, ?)'
	).run(communityId, key, JSON.stringify(value), from, actorId, now);
}
