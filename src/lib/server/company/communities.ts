import { asc, eq, sql } from 'drizzle-orm';
import { tx, type Db } from '../db';
import { audit } from '../audit';
import { nowMs } from '../clock';
import { communities } from '../db/schema';
import type { Actor } from '../auth/actor';
import { CompanyError } from './errors';

export interface CommunityInput {
	code: string;
	name: string;
	centreName: string;
	timeZone: string;
}

/** Whether the runtime knows the IANA zone (the day boundaries of every report depend on it). */
export function knownTimeZone(zone: string): boolean {
	try {
		new Intl.DateTimeFormat('en', { timeZone: zone });
		return /^[A-Za-z_]+(\/[A-Za-z0-9_+-]+)*$/.test(zone);
	} catch {
		return false;
	}
}

/** A company admin adds a community (管理处); its settings start at the defaults. */
export function createCommunity(
	db: Db,
	actor: Actor,
	input: CommunityInput,
	now = nowMs()
): number {
	if (!knownTimeZone(input.timeZone)) throw new CompanyError('bad_time_zone');
	return tx(db, () => {
		const taken = db
			.select({ id: communities.id })
			.from(communities)
			.where(eq(communities.code, input.code))
			.get();
		if (taken) throw new CompanyError('code_taken', { code: input.code });
		const { id } = db
			.insert(communities)
			.values({ ...input, settings: '{}', createdAt: now })
			.returning({ id: communities.id })
			.get();
		audit(
			db,
			{
				communityId: id,
				actorId: actor.id,
				action: 'company.community_create',
				targetType: 'community',
				targetId: id,
				detail: { ...input }
			},
			now
		);
		return id;
	});
}

export interface CommunityRow {
	id: number;
	code: string;
	name: string;
	centreName: string;
	timeZone: string;
	units: number;
	staff: number;
}

/** Every community with its units and staff (home accounts plus memberships), for the admin page. */
export function listCommunities(db: Db): CommunityRow[] {
	// Correlated counts, with the outer table named (drizzle would leave the columns unqualified).
	const count = (table: 'units' | 'staff_users' | 'staff_memberships') =>
		sql<number>`(SELECT count(*) FROM ${sql.raw(table)} x WHERE x.community_id = ${communities}.id)`;
	return db
		.select({
			id: communities.id,
			code: communities.code,
			name: communities.name,
			centreName: communities.centreName,
			timeZone: communities.timeZone,
			units: count('units'),
			home: count('staff_users'),
			extra: count('staff_memberships')
		})
		.from(communities)
		.orderBy(asc(communities.id))
		.all()
		.map(({ home, extra, ...c }) => ({ ...c, staff: home + extra }));
}
