import type { Db } from '../db';
import { desc, eq } from 'drizzle-orm';
import { settingChanges as changesTable, staffUsers } from '../db/schema';
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
 * day never changes). The changes are cached with the community (getCommunity), which every app
 * instance loads again once a save has moved the community's settings version.
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
	const rows = db
		.select({
			key: changesTable.key,
			value: changesTable.value,
			from: changesTable.effectiveFrom,
			byName: staffUsers.displayName,
			at: changesTable.createdAt
		})
		.from(changesTable)
		.leftJoin(staffUsers, eq(staffUsers.id, changesTable.createdBy))
		.where(eq(changesTable.communityId, communityId))
		.orderBy(desc(changesTable.effectiveFrom), desc(changesTable.id))
		.all();
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
	db.insert(changesTable)
		.values({
			communityId,
			key,
			value: JSON.stringify(value),
			effectiveFrom: from,
			createdBy: actorId,
			createdAt: now
		})
		.run();
}
