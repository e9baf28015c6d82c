import type { Handle, HandleServerError, ServerInit } from '@sveltejs/kit';
import { error, redirect } from '@sveltejs/kit';
import { sequence } from '@sveltejs/kit/hooks';
import { building } from '$app/environment';
import { paraglideMiddleware } from '$lib/paraglide/server';
import { getDb } from '$lib/server/db';
import { getCommunity } from '$lib/server/community';
import { nowMs } from '$lib/server/clock';
import { RESIDENT_POLICY, SESSION_COOKIE, staffPolicy, validateSession } from '$lib/server/auth/session';
import { accessFor, roleAtLeast } from '$lib/server/auth/access';
import { sessionCookieOptions } from '$lib/server/auth/cookie';
// Side effect: plugs the pending-waiver flag (申请免除中) into the fee accounts of every page.
import '$lib/server/waivers';

// Migrations run once at start-up, never during `vite build`.
export const init: ServerInit = () => {
	if (!building) getDb();
};

const handleLocale: Handle = ({ event, resolve }) =>
	paraglideMiddleware(event.request, ({ request, locale }) => {
		event.request = request;
		event.locals.locale = locale as App.Locals['locale'];
		return resolve(event, {
			transformPageChunk: ({ html }) => html.replace('%paraglide.lang%', locale)
		});
	});

const KIOSK_PRINTABLE = /^\/kiosk\/(queue\/[^/]+\/ticket\.pdf|me\/statement\.pdf)$/;

const handleSession: Handle = async ({ event, resolve }) => {
	event.locals.user = null;
	event.locals.resident = null;
	event.locals.sessionId = null;
	const token = event.cookies.get(SESSION_COOKIE);
	if (token) {
		const db = getDb();
		const session = validateSession(db, token, (kind, communityId) => {
			if (kind === 'resident') return RESIDENT_POLICY;
			const s = getCommunity(db, communityId).settings.sessions;
			return staffPolicy(s.staffIdleMinutes, s.staffAbsoluteHours);
		}, nowMs());
		if (!session) {
			event.cookies.delete(SESSION_COOKIE, sessionCookieOptions(event.url));
		} else {
			event.locals.sessionId = session.sessionId;
			if (session.kind === 'staff') event.locals.user = session.user;
			else event.locals.resident = session.resident;
		}
	}

	const access = accessFor(event.url.pathname);
	let forbidden = false;
	if (access === 'resident') {
		if (!event.locals.resident) redirect(303, '/kiosk/identify?next=' + encodeURIComponent(event.url.pathname + event.url.search));
	} else if (access !== 'public') {
		if (!event.locals.user) {
			if (event.request.method === 'GET') redirect(303, '/login?next=' + encodeURIComponent(event.url.pathname + event.url.search));
			error(401, 'unauthorised');
		}
		forbidden = !roleAtLeast(event.locals.user.role, access);
		// Refused here, a page would get SvelteKit's bare fallback page instead of the app's 403 page.
		// So only a GET goes on to its route, whose layout guard answers 403 with the proper page.
		if (forbidden && event.request.method !== 'GET' && event.request.method !== 'HEAD') error(403, 'forbidden');
	}

	const response = await resolve(event);
	if (forbidden && response.status < 400) {
		// The route answered without refusing (a guard forgotten): drop what it produced.
		console.error(`route without a role guard: ${event.route.id ?? event.url.pathname}`);
		error(403, 'forbidden');
	}
	response.headers.set('X-Content-Type-Options', 'nosniff');
	response.headers.set('Referrer-Policy', 'same-origin');
	const csp = response.headers.get('Content-Security-Policy');
	const withFrame = (rule: string) => response.headers.set('Content-Security-Policy', csp ? `${csp}; frame-ancestors ${rule}` : `frame-ancestors ${rule}`);
	if (KIOSK_PRINTABLE.test(event.url.pathname)) {
		// The kiosk prints its 80 mm slips silently from a hidden frame of its own page.
		response.headers.set('X-Frame-Options', 'SAMEORIGIN');
		withFrame("'self'");
	} else if (!event.url.pathname.startsWith('/kiosk/display')) {
		// Only the hall display may be framed (e.g. by a signage player); nothing else.
		response.headers.set('X-Frame-Options', 'DENY');
		withFrame("'none'");
	}
	if (event.locals.user || event.locals.resident) response.headers.set('Cache-Control', 'no-store');
	return response;
};

export const handle: Handle = sequence(handleLocale, handleSession);

export const handleError: HandleServerError = ({ error: err, status }) => {
	if (status !== 404) console.error(err);
	// Never leak a stack trace or internal message to the page.
	return { message: status === 404 ? 'not_found' : 'internal' };
};
