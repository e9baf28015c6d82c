import { asc } from 'drizzle-orm';
import type { Db } from '../db';
import { communities } from '../db/schema';
import { fallbackCommunity } from '../../domain/kiosk-pairing';

/** Every community of the deployment, in the order they were set up (a phone's chooser lists them). */
export function allCommunities(db: Db) {
	return db
		.select({
			id: communities.id,
			code: communities.code,
			name: communities.name,
			centreName: communities.centreName
		})
		.from(communities)
		.orderBy(asc(communities.id))
		.all();
}

/**
 * The centre the sign-in page names: the one `KIOSK_COMMUNITY` picks by code when the server
 * hosts several centres; otherwise the first one.
 */
export function defaultCommunityId(db: Db): number | null {
	const code = process.env.KIOSK_COMMUNITY;
	const rows = allCommunities(db);
	return (code ? rows.find((r) => r.code === code)?.id : rows[0]?.id) ?? null;
}

/**
 * The community an unpaired kiosk or hall display serves: `KIOSK_COMMUNITY`, else the only one
 * (a single centre needs no setup); null when the device must be paired first.
 */
export function kioskFallbackCommunityId(db: Db): number | null {
	return fallbackCommunity(allCommunities(db), process.env.KIOSK_COMMUNITY);
}
