import type { StaffIdentity } from './session';

/**
 * Who is acting: the signed-in staff member. A write touches only the actor's community; rules
 * that depend on the role read it here; a password reset keeps the actor's own session.
 */
export type Actor = Pick<StaffIdentity, 'id' | 'communityId' | 'role'> & {
	sessionId?: string | null;
};

/** The signed-in staff member as the actor of a write (after the handler's `requireStaff`). */
export function actorOf(locals: App.Locals): Actor {
	// requireStaff has already redirected an anonymous request: this is a wiring mistake.
	if (!locals.user) throw new Error('actorOf: no signed-in staff member (requireStaff first)');
	const { id, communityId, role } = locals.user;
	return { id, communityId, role, sessionId: locals.sessionId };
}
