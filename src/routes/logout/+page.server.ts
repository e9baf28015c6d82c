import { redirect } from '@sveltejs/kit';
import { getDb } from '$lib/server/db';
import { invalidateSession, SESSION_COOKIE } from '$lib/server/auth/session';
import { sessionCookieOptions } from '$lib/server/auth/cookie';

export const load = () => redirect(303, '/');

export const actions = {
	// Sign-out ends the session on the server, not just in the browser.
	default: ({ locals, cookies, url }) => {
		if (locals.sessionId) invalidateSession(getDb(), locals.sessionId);
		cookies.delete(SESSION_COOKIE, sessionCookieOptions(url));
		redirect(303, locals.resident ? '/kiosk' : '/login?signed_out=1');
	}
};
