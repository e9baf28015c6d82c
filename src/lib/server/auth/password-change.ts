import type { Actor } from './actor';
import type { StaffIdentity } from './session';
import { and, eq, ne } from 'drizzle-orm';
import { z } from 'zod';
import { tx, type Db } from '../db';
import { sessions, staffUsers } from '../db/schema';
import { audit } from '../audit';
import { hashPassword, verifyPassword } from './password';
import { releaseAttempt, reserveAttempt } from './rate-limit';
import {
	newPasswordProblems,
	PASSWORD_CHANGE_LIMIT,
	PASSWORD_RULES,
	waitMinutes,
	windowWaitMs,
	type PasswordProblem
} from '$lib/domain/access-limits';

/** The form's shape only; the password rules are checked by `changeOwnPassword` (they need the user). */
export const changePasswordSchema = z.object({
	current: z.string().min(1).max(PASSWORD_RULES.maxLength),
	next: z.string().min(1).max(PASSWORD_RULES.maxLength),
	confirm: z.string().min(1).max(PASSWORD_RULES.maxLength)
});

export type ChangePasswordResult =
	| { ok: true }
	| { ok: false; error: 'wrong_current' }
	| { ok: false; error: 'limited'; minutes: number }
	| { ok: false; error: 'rules'; problems: PasswordProblem[] };

/**
 * A staff member changes their own password: the current one is required (a session left open
 * on a counter PC is not enough), wrong ones are limited per account, and every other session of
 * the account ends; the one in use stays. Clears a pending forced change.
 */
export async function changeOwnPassword(
	db: Db,
	me: Actor & Pick<StaffIdentity, 'username'>,
	input: z.infer<typeof changePasswordSchema>,
	now: number
): Promise<ChangePasswordResult> {
	const user = db.select().from(staffUsers).where(eq(staffUsers.id, me.id)).get();
	if (!user) return { ok: false, error: 'wrong_current' };
	const problems = newPasswordProblems(input.next, input.confirm, {
		current: input.current,
		username: user.username
	});
	if (problems.length) return { ok: false, error: 'rules', problems };
	const bucket = { account: `pwchange:${me.id}` };
	const { decision, ids } = reserveAttempt(
		db,
		bucket,
		PASSWORD_CHANGE_LIMIT.windowMs,
		(t) => {
			const wait = windowWaitMs(t.account, PASSWORD_CHANGE_LIMIT, now);
			return { allow: wait === 0, wait };
		},
		() => ['account'],
		now
	);
	if (!decision.allow) return { ok: false, error: 'limited', minutes: waitMinutes(decision.wait) };
	if (!(await verifyPassword(user.passwordHash, input.current))) {
		audit(
			db,
			{
				communityId: user.communityId,
				actorId: user.id,
				action: 'staff.password_change_failed',
				targetType: 'staff_user',
				targetId: user.id
			},
			now
		);
		return { ok: false, error: 'wrong_current' };
	}
	releaseAttempt(db, ids);
	const passwordHash = await hashPassword(input.next);
	tx(db, () => {
		db.update(staffUsers)
			.set({ passwordHash, mustChangePassword: false })
			.where(eq(staffUsers.id, user.id))
			.run();
		db.delete(sessions)
			.where(
				me.sessionId
					? and(eq(sessions.userId, user.id), ne(sessions.id, me.sessionId))
					: eq(sessions.userId, user.id)
			)
			.run();
		audit(
			db,
			{
				communityId: user.communityId,
				actorId: user.id,
				action: 'staff.password_change',
				targetType: 'staff_user',
				targetId: user.id
			},
			now
		);
	});
	return { ok: true };
}
