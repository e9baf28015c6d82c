import { redirect } from '@sveltejs/kit';
import { getDb } from '$lib/server/db';
import { invalidateSession, SESSION_COOKIE } from '$lib/server/auth/session';
import { sessionCookieOptions } from '$lib/server/auth/cookie';
import { baseLocale, cookieMaxAge, cookieName } from '$lib/paraglide/runtime.js';
import { LARGE_TEXT_COOKIE } from '$lib/kiosk-text';
import { residentSource } from '../kiosk/source';
import type { Actions, PageServerLoad } from './$types';

export const load = (() => redirect(303, '/')) satisfies PageServerLoad;

export const actions = {
	// Sign-out ends the session on the server, not just in the browser.
	default: async ({ locals, cookies, url, request }) => {
		// The kiosk's sign-outs (the resident's "done" buttons, the idle reset) say so: they go back
		// to the kiosk even when the resident session has already expired, never to the staff sign-in.
		const fromKiosk = (await request.formData()).get('kiosk') === '1';
		if (locals.sessionId) invalidateSession(getDb(), locals.sessionId);
		cookies.delete(SESSION_COOKIE, sessionCookieOptions(url));
		// A visit ends here: its 大字模式 with it.
		if (fromKiosk) cookies.delete(LARGE_TEXT_COOKIE, { path: '/', httpOnly: false });
		if (fromKiosk && residentSource(request, cookies) === 'kiosk') {
			// The hall screen is shared: the next resident starts in Chinese (a phone keeps its owner's choice).
			cookies.set(cookieName, baseLocale, {
				path: '/',
				maxAge: cookieMaxAge,
				httpOnly: false,
				sameSite: 'lax',
				secure: false
			});
		}
		redirect(303, fromKiosk || locals.resident ? '/kiosk' : '/login?signed_out=1');
	}
} satisfies Actions;
