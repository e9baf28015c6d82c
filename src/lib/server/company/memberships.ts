/**
 * Staff in several communities (issue 22): the memberships, the session's current community and
 * the company admin's grants. Rules are in domain/memberships.ts; every change is audited.
 */
import { and, asc, eq } from 'drizzle-orm';
import { tx, type Db } from '../db';
import { audit } from '../audit';
import { nowMs } from '../clock';
import { communities, sessions, staffMemberships, staffUsers, type Role } from '../db/schema';
import {
	currentOf,
	grantRefusal,
	membershipsOf,
	switchRefusal,
	type Current,
	type Membership
} from '../../domain/memberships';
import type { Actor } from '../auth/actor';
import { CompanyError } from './errors';

/** A user's memberships outside their home community. */
export function extraMemberships(db: Db, userId: number): Membership[] {
	return db
		.select({ communityId: staffMemberships.communityId, role: staffMemberships.role })
		.from(staffMemberships)
		.where(eq(staffMemberships.userId, userId))
		.all();
}

export function communityIds(db: Db): number[] {
	return db
		.select({ id: communities.id })
		.from(communities)
		.all()
		.map((r) => r.id);
}

/**
 * The session's community and role for this account (called on every staff request: the common
 * case, no community chosen or home chosen, reads nothing).
 */
export function resolveCurrent(
	db: Db,
	account: { id: number; communityId: number; role: Current['role'] },
	chosen: number | null
): Current {
	if (chosen === null || chosen === account.communityId)
		return { communityId: account.communityId, role: account.role };
	const exists = db
		.select({ id: communities.id })
		.from(communities)
		.where(eq(communities.id, chosen))
		.get();
	const extra =
		account.role === 'head_office'
			? []
			: db
					.select({ communityId: staffMemberships.communityId, role: staffMemberships.role })
					.from(staffMemberships)
					.where(
						and(eq(staffMemberships.userId, account.id), eq(staffMemberships.communityId, chosen))
					)
					.all();
	return currentOf(account, extra, chosen, exists ? [chosen] : []);
}

export interface CommunityChoice {
	id: number;
	code: string;
	name: string;
	role: Current['role'];
}

/** The communities a user may switch to, in order (head office: every one). */
export function choicesOf(
	db: Db,
	user: { id: number; homeCommunityId: number; role: Current['role'] }
): CommunityChoice[] {
	const all = db
		.select({ id: communities.id, code: communities.code, name: communities.name })
		.from(communities)
		.orderBy(asc(communities.id))
		.all();
	const account = { communityId: user.homeCommunityId, role: user.role };
	if (user.role === 'head_office') return all.map((c) => ({ ...c, role: 'head_office' }));
	const mine = membershipsOf(account, extraMemberships(db, user.id));
	return all.flatMap((c) => {
		const m = mine.find((x) => x.communityId === c.id);
		return m ? [{ ...c, role: m.role }] : [];
	});
}

/** Makes `communityId` the session's current community (refused when the user may not work there). */
export function switchCommunity(
	db: Db,
	actor: { id: number; homeCommunityId: number; role: Current['role']; communityId: number },
	sessionId: string,
	communityId: number,
	now = nowMs()
): void {
	tx(db, () => {
		const refusal = switchRefusal(
			{ communityId: actor.homeCommunityId, role: actor.role },
			extraMemberships(db, actor.id),
			communityId,
			communityIds(db)
		);
		if (refusal) throw new CompanyError(refusal);
		db.update(sessions).set({ communityId }).where(eq(sessions.id, sessionId)).run();
		audit(
			db,
			{
				communityId,
				actorId: actor.id,
				action: 'staff.switch_community',
				targetType: 'community',
				targetId: communityId,
				detail: { from: actor.communityId }
			},
			now
		);
	});
}

/** Gives (or changes) a user's role in a community other than their home. */
export function grantMembership(
	db: Db,
	actor: Actor,
	input: { username: string; communityId: number; role: Role },
	now = nowMs()
): void {
	tx(db, () => {
		const user = db
			.select()
			.from(staffUsers)
			.where(eq(staffUsers.username, input.username.trim().toLowerCase()))
			.get();
		if (!user) throw new CompanyError('unknown_user', { username: input.username });
		const refusal = grantRefusal(user, input.communityId, communityIds(db));
		if (refusal) throw new CompanyError(refusal);
		const had = db
			.select()
			.from(staffMemberships)
			.where(
				and(
					eq(staffMemberships.userId, user.id),
					eq(staffMemberships.communityId, input.communityId)
				)
			)
			.get();
		if (had?.role === input.role) return;
		if (had)
			db.update(staffMemberships)
				.set({ role: input.role })
				.where(eq(staffMemberships.id, had.id))
				.run();
		else
			db.insert(staffMemberships)
				.values({
					userId: user.id,
					communityId: input.communityId,
					role: input.role,
					createdBy: actor.id,
					createdAt: now
				})
				.run();
		audit(
			db,
			{
				communityId: input.communityId,
				actorId: actor.id,
				action: had ? 'staff.membership_change' : 'staff.membership_grant',
				targetType: 'staff_user',
				targetId: user.id,
				detail: { username: user.username, role: input.role, was: had?.role ?? null }
			},
			now
		);
	});
}

/** Ends a membership: the user's sessions working there fall back to home on their next request. */
export function endMembership(db: Db, actor: Actor, membershipId: number, now = nowMs()): void {
	tx(db, () => {
		const had = db
			.select()
			.from(staffMemberships)
			.where(eq(staffMemberships.id, membershipId))
			.get();
		if (!had) throw new CompanyError('not_found');
		db.delete(staffMemberships).where(eq(staffMemberships.id, membershipId)).run();
		audit(
			db,
			{
				communityId: had.communityId,
				actorId: actor.id,
				action: 'staff.membership_end',
				targetType: 'staff_user',
				targetId: had.userId,
				detail: { role: had.role }
			},
			now
		);
	});
}

export interface MembershipRow {
	id: number;
	username: string;
	displayName: string;
	workNo: string;
	communityId: number;
	communityName: string;
	role: Role;
	createdAt: number;
}

/** Every membership outside home, by community and user, for the company admin's page. */
export function listMemberships(db: Db): MembershipRow[] {
	return db
		.select({
			id: staffMemberships.id,
			username: staffUsers.username,
			displayName: staffUsers.displayName,
			workNo: staffUsers.workNo,
			communityId: staffMemberships.communityId,
			communityName: communities.name,
			role: staffMemberships.role,
			createdAt: staffMemberships.createdAt
		})
		.from(staffMemberships)
		.innerJoin(staffUsers, eq(staffUsers.id, staffMemberships.userId))
		.innerJoin(communities, eq(communities.id, staffMemberships.communityId))
		.orderBy(asc(staffMemberships.communityId), asc(staffUsers.username))
		.all();
}
