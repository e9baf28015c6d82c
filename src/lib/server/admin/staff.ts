import type { Actor } from '../auth/actor';
import { and, asc, eq, gt, ne, sql } from 'drizzle-orm';
import { z } from 'zod';
import { m } from '$lib/paraglide/messages.js';
import { tx, type Db } from '../db';
import { ROLES, sessions, staffUsers, type StaffRole } from '../db/schema';
import { hashPassword, MIN_PASSWORD_LENGTH } from '../auth/password';
import { MAX_CREDENTIAL_LENGTH } from '../auth/login';
import { invalidateUserSessions } from '../auth/session';
import { auditBy } from '../audit';
import { plainText } from './fields';

/** Who is acting (one type for every area). */
export type { Actor };

const password = z
	.string()
	.min(MIN_PASSWORD_LENGTH, {
		error: () => m.validation_password_short({ min: MIN_PASSWORD_LENGTH })
	})
	.max(MAX_CREDENTIAL_LENGTH);

/** Usernames are stored lower-case; sign-in matches them without regard to case. */
export const createStaffSchema = z.object({
	username: z
		.string()
		.trim()
		.min(1)
		.max(32)
		.toLowerCase()
		.regex(/^[a-z0-9][a-z0-9._-]{1,31}$/, { error: () => m.validation_username_format() }),
	displayName: plainText(40),
	workNo: z
		.string()
		.trim()
		.min(1)
		.max(16)
		.toUpperCase()
		.regex(/^[A-Z0-9-]+$/, { error: () => m.validation_work_no_format() }),
	role: z.enum(ROLES),
	password
});
export type CreateStaffInput = z.infer<typeof createStaffSchema>;

export const resetPasswordSchema = z.object({
	id: z.coerce.number().int().positive(),
	newPassword: password
});
export const staffIdSchema = z.object({ id: z.coerce.number().int().positive() });

export interface StaffRow {
	id: number;
	username: string;
	displayName: string;
	workNo: string;
	role: StaffRole;
	active: boolean;
	createdAt: number;
	/** Sessions that have not reached their absolute expiry (an idle one may still be counted). */
	openSessions: number;
}

export function listStaff(db: Db, communityId: number, now: number): StaffRow[] {
	const open = db
		.select({ userId: sessions.userId, n: sql<number>`count(*)`.as('n') })
		.from(sessions)
		.where(gt(sessions.expiresAt, now))
		.groupBy(sessions.userId)
		.as('open');
	return db
		.select({
			id: staffUsers.id,
			username: staffUsers.username,
			displayName: staffUsers.displayName,
			workNo: staffUsers.workNo,
			role: staffUsers.role,
			active: staffUsers.active,
			createdAt: staffUsers.createdAt,
			openSessions: sql<number>`coalesce(${open.n}, 0)`
		})
		.from(staffUsers)
		.leftJoin(open, eq(open.userId, staffUsers.id))
		.where(eq(staffUsers.communityId, communityId))
		.orderBy(sql`${staffUsers.active} desc`, asc(staffUsers.workNo), asc(staffUsers.id))
		.all();
}

export type StaffError = 'not_found' | 'self' | 'username_taken' | 'work_no_taken';
export type StaffResult<T = object> = ({ ok: true } & T) | { ok: false; error: StaffError };

function findInCommunity(db: Db, actor: Actor, id: number) {
	return db
		.select()
		.from(staffUsers)
		.where(and(eq(staffUsers.id, id), eq(staffUsers.communityId, actor.communityId)))
		.get();
}

/** Creates an account. Usernames are unique across the whole system, work numbers per community. */
export async function createStaff(
	db: Db,
	actor: Actor,
	input: CreateStaffInput,
	now: number
): Promise<StaffResult<{ id: number }>> {
	const passwordHash = await hashPassword(input.password);
	return tx(db, () => {
		const sameName = db
			.select({ id: staffUsers.id })
			.from(staffUsers)
			.where(sql`lower(${staffUsers.username}) = ${input.username.toLowerCase()}`)
			.get();
		if (sameName) return { ok: false, error: 'username_taken' } as const;
		const sameNo = db
			.select({ id: staffUsers.id })
			.from(staffUsers)
			.where(
				and(
					eq(staffUsers.communityId, actor.communityId),
					sql`upper(${staffUsers.workNo}) = ${input.workNo.toUpperCase()}`
				)
			)
			.get();
		if (sameNo) return { ok: false, error: 'work_no_taken' } as const;
		const row = db
			.insert(staffUsers)
			.values({
				communityId: actor.communityId,
				username: input.username,
				displayName: input.displayName,
				workNo: input.workNo,
				role: input.role,
				passwordHash,
				active: true,
				// The admin chose this password: the new colleague must replace it at first sign-in.
				mustChangePassword: true,
				createdAt: now
			})
			.returning({ id: staffUsers.id })
			.get();
		auditBy(
			db,
			actor,
			{
				action: 'staff.create',
				targetType: 'staff_user',
				targetId: row.id,
				detail: {
					username: input.username,
					displayName: input.displayName,
					workNo: input.workNo,
					role: input.role
				}
			},
			now
		);
		return { ok: true, id: row.id } as const;
	});
}

/** Sets a new password and ends every session of that account (the actor's own current one excepted). */
export async function resetStaffPassword(
	db: Db,
	actor: Actor,
	id: number,
	newPassword: string,
	now: number
): Promise<StaffResult> {
	if (!findInCommunity(db, actor, id)) return { ok: false, error: 'not_found' };
	const passwordHash = await hashPassword(newPassword);
	return tx(db, () => {
		const user = findInCommunity(db, actor, id);
		if (!user) return { ok: false, error: 'not_found' } as const;
		db.update(staffUsers)
			.set({ passwordHash, mustChangePassword: id !== actor.id })
			.where(eq(staffUsers.id, id))
			.run();
		const keep = id === actor.id && actor.sessionId ? actor.sessionId : null;
		if (keep)
			db.delete(sessions)
				.where(and(eq(sessions.userId, id), ne(sessions.id, keep)))
				.run();
		else invalidateUserSessions(db, id);
		auditBy(
			db,
			actor,
			{
				action: 'staff.password_reset',
				targetType: 'staff_user',
				targetId: id,
				detail: { username: user.username }
			},
			now
		);
		return { ok: true } as const;
	});
}

/**
 * Deactivates or reactivates an account. Deactivating ends all its sessions at once; an admin
 * cannot deactivate themselves (so a community always keeps the admin who is acting).
 */
export function setStaffActive(
	db: Db,
	actor: Actor,
	id: number,
	active: boolean,
	now: number
): StaffResult {
	if (!active && id === actor.id) return { ok: false, error: 'self' };
	return tx(db, () => {
		const user = findInCommunity(db, actor, id);
		if (!user) return { ok: false, error: 'not_found' } as const;
		if (user.active === active) return { ok: true } as const; // a repeated click changes nothing
		db.update(staffUsers).set({ active }).where(eq(staffUsers.id, id)).run();
		if (!active) invalidateUserSessions(db, id);
		auditBy(
			db,
			actor,
			{
				action: active ? 'staff.activate' : 'staff.deactivate',
				targetType: 'staff_user',
				targetId: id,
				detail: { username: user.username }
			},
			now
		);
		return { ok: true } as const;
	});
}

/** The translated message for a refused staff change. */
export function staffErrorMessage(error: StaffError): string {
	switch (error) {
		case 'self':
			return m.admin_staff_self_deactivate();
		case 'username_taken':
			return m.validation_username_taken();
		case 'work_no_taken':
			return m.validation_work_no_taken();
		default:
			return m.admin_staff_not_found();
	}
}
