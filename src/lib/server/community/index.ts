import { asc, eq } from 'drizzle-orm';
import type { Db } from '../db';
import { communities, settingChanges } from '../db/schema';
import {
	parseSettings,
	settingsOn,
	type CommunitySettings,
	type SettingChange
} from '../../domain/settings';
import { todayIn } from '../../dates';
import { clockNow } from '../clock';

export interface Community {
	id: number;
	code: string;
	name: string;
	centreName: string;
	timeZone: string;
	/** The settings, with the values that price money as in force today (see `opening`). */
	settings: CommunitySettings;
	/** The stored settings: priced values as they were before their first recorded change. */
	opening: CommunitySettings;
	/** Recorded changes of priced settings (setting_changes), in the order they take effect. */
	changes: SettingChange[];
}

// Settings are read on every request; cache them and drop the cache on every save.
const cache = new Map<number, Community>();

export function getCommunity(db: Db, id: number): Community {
	let c = cache.get(id);
	if (!c) {
		const row = db.select().from(communities).where(eq(communities.id, id)).get();
		if (!row) throw new Error(`community ${id} not found`);
		const changes = db
			.select({
				id: settingChanges.id,
				key: settingChanges.key,
				value: settingChanges.value,
				from: settingChanges.effectiveFrom
			})
			.from(settingChanges)
			.where(eq(settingChanges.communityId, id))
			.orderBy(asc(settingChanges.effectiveFrom), asc(settingChanges.id))
			.all()
			.map((r) => ({ id: r.id, key: r.key, from: r.from, value: JSON.parse(r.value) as unknown }));
		const settings = parseSettings(row.settings);
		c = {
			id: row.id,
			code: row.code,
			name: row.name,
			centreName: row.centreName,
			timeZone: row.timeZone,
			settings,
			opening: settings,
			changes
		};
		cache.set(id, c);
	}
	// Priced settings (late-fee rate, due day, …) change from a date: what a page shows is today's value.
	if (c.changes.length === 0) return c;
	return { ...c, settings: settingsOn(c.opening, c.changes, todayIn(c.timeZone, clockNow())) };
}

export function forgetCommunity(id?: number) {
	if (id === undefined) cache.clear();
	else cache.delete(id);
}

/** The community's calendar date now ("today" is never the server's local date). */
export function communityToday(c: Community, now: Date = clockNow()): string {
	return todayIn(c.timeZone, now);
}
