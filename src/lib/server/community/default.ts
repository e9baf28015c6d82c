import { asc } from 'drizzle-orm';
import type { Db } from '../db';
import { communities } from '../db/schema';

/**
 * The community a public page (kiosk, hall display) belongs to. `KIOSK_COMMUNITY` picks one by
 * code when the server hosts several centres; otherwise the first one.
 */
export function defaultCommunityId(db: Db): number | null {
	const code = process.env.KIOSK_COMMUNITY;
	const rows = db
		.select({ id: communities.id, code: communities.code })
		.from(communities)
		.orderBy(asc(communities.id))
		.all();
	return (code ? rows.find((r) => r.code === code)?.id : rows[0]?.id) ?? null;
}
