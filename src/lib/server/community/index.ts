import { asc, eq, sql } from 'drizzle-orm';
import { txMark, type Db } from '../db';
import { prepared } from '../db/prepared';
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

/** The settings version: a primary-key read, prepared once per connection. */
const versionOf = prepared((db) =>
	db
		.select({ version: communities.settingsVersion })
		.from(communities)
		.where(eq(communities.id, sql.placeholder('id')))
		.prepare()
);

type Cached = Community & {
	version: number;
	/** `txMark` when the version was last checked: within one transaction, checked once. */
	checked?: string;
};

/*
 * Settings are read on every request, so a copy is kept per connection; but another app instance
 * may save them at any time, so each read first checks the row's settings version (bumped by
 * triggers in the transaction of every write) and loads again when it moved. Keyed by connection:
 * another database (a test's, a restored snapshot) never answers with this one's copy.
 */
let caches = new WeakMap<Db['$client'], Map<number, Cached>>();

function cacheOf(db: Db): Map<number, Cached> {
	let c = caches.get(db.$client);
	if (!c) caches.set(db.$client, (c = new Map()));
	return c;
}

function load(db: Db, id: number): Cached | null {
	const row = db.select().from(communities).where(eq(communities.id, id)).get();
	if (!row) return null;
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
	return {
		id: row.id,
		code: row.code,
		name: row.name,
		centreName: row.centreName,
		timeZone: row.timeZone,
		settings,
		opening: settings,
		changes,
		version: row.settingsVersion
	};
}

export function getCommunity(db: Db, id: number): Community {
	const cache = cacheOf(db);
	const mark = txMark(db);
	let c = cache.get(id);
	if (!c || mark === undefined || c.checked !== mark) {
		const version = versionOf(db).get({ id })?.version;
		if (!c || c.version !== version) {
			// One read transaction: the row and its changes as of the same commit.
			const loaded = db.$client.transaction(() => load(db, id))();
			if (!loaded) throw new Error(`community ${id} not found`);
			cache.set(id, (c = loaded));
		}
		c.checked = mark;
	}
	// Priced settings (late-fee rate, due day, …) change from a date: what a page shows is today's value.
	if (c.changes.length === 0) return c;
	return { ...c, settings: settingsOn(c.opening, c.changes, todayIn(c.timeZone, clockNow())) };
}

/**
 * Drops the copies kept for this process's connections. Never needed for correctness (each read
 * checks the version); kept for tests and tools that want a cold read.
 */
export function forgetCommunity() {
	caches = new WeakMap();
}

/** The community's calendar date now ("today" is never the server's local date). */
export function communityToday(c: Community, now: Date = clockNow()): string {
	return todayIn(c.timeZone, now);
}
