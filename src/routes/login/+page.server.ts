import { fail, redirect } from '@sveltejs/kit';
import { m } from '$lib/paraglide/messages.js';
import { getDb } from '$lib/server/db';
import { getCommunity } from '$lib/server/community';
import { defaultCommunityId } from '$lib/server/community/default';
import { nowMs } from '$lib/server/clock';
import { checkLogin } from '$lib/server/auth/login';
import {
	createSession,
	invalidateSession,
	SESSION_COOKIE,
	staffPolicy
} from '$lib/server/auth/session';
import { sessionCookieOptions } from '$lib/server/auth/cookie';
import { homeFor, safeNext } from '$lib/server/auth/home';
import { PASSWORD_PAGE } from '$lib/server/auth/guards';
import type { Actions, PageServerLoad } from './$types';

export const load = (({ locals, url }) => {
	if (locals.user)
		redirect(303, safeNext(url.searchParams.get('next')) ?? homeFor(locals.user.role));
	// The centre's name is public (the kiosk shows it too); it tells staff they are on the right server.
	const communityId = defaultCommunityId(getDb());
	const centreName = communityId ? getCommunity(getDb(), communityId).centreName : null;
	return {
		next: safeNext(url.searchParams.get('next')),
		signedOut: url.searchParams.has('signed_out'),
		centreName
	};
}) satisfies PageServerLoad;

export const actions = {
	default: async ({ request, cookies, url, getClientAddress, locals }) => {
		const form = await request.formData();
		const username = String(form.get('username') ?? '');
		const password = String(form.get('password') ?? '');
		const db = getDb();
		const now = nowMs();
		const result = await checkLogin(db, username, password, getClientAddress(), now);
		const keep = { username: username.slice(0, 200) };
		if (!result.ok) {
			const message =
				result.reason === 'empty'
					? m.login_error_empty()
					: result.reason === 'too_long'
						? m.login_error_too_long()
						: result.reason === 'limited'
							? m.login_error_limited({ minutes: result.minutes })
							: result.reason === 'slow'
								? m.login_error_slow({ seconds: result.seconds })
								: m.login_error_invalid();
			return fail(result.reason === 'limited' || result.reason === 'slow' ? 429 : 400, {
				...keep,
				message
			});
		}
		// A new token at every sign-in; whatever session the browser had ends here.
		if (locals.sessionId) invalidateSession(db, locals.sessionId);
		const s = getCommunity(db, result.user.communityId).settings.sessions;
		const { token, expiresAt } = createSession(
			db,
			{ kind: 'staff', userId: result.user.id },
			staffPolicy(s.staffIdleMinutes, s.staffAbsoluteHours),
			now
		);
		cookies.set(SESSION_COOKIE, token, sessionCookieOptions(url, expiresAt - now));
		// An account whose password an admin chose goes to change it first (nothing else opens).
		if (result.user.mustChangePassword) redirect(303, PASSWORD_PAGE);
		redirect(303, safeNext(String(form.get('next') ?? '')) ?? homeFor(result.user.role));
	}
} satisfies Actions;
