import { eq } from 'drizzle-orm';
import type { Db } from '../db';
import { communities } from '../db/schema';
import { parseSettings, type CommunitySettings } from '../../domain/settings';
import { todayIn } from '../../dates';
import { clockNow } from '../clock';

export interface Community {
	id: number;
	code: string;
	name: string;
	centreName: string;
	timeZone: string;
	settings: CommunitySettings;
}

// Settings are read on every request; cache them and drop the cache on every save.
const cache = new Map<number, Community>();

export function getCommunity(db: Db, id: number): Community {
	const hit = cache.get(id);
	if (hit) return hit;
	const row = db.select().from(communities).where(eq(communities.id, id)).get();
	if (!row) throw new Error(`community ${id} not found`);
	const c: Community = { id: row.id, code: row.code, name: row.name, centreName: row.centreName, timeZone: row.timeZone, settings: parseSettings(row.settings) };
	cache.set(id, c);
	return c;
}

export function forgetCommunity(id?: number) {
	if (id === undefined) cache.clear();
	else cache.delete(id);
}

/** The community's calendar date now ("today" is never the server's local date). */
export function communityToday(c: Community, now: Date = clockNow()): string {
	return todayIn(c.timeZone, now);
}
