import type { Handle, HandleServerError, RequestEvent, ServerInit } from '@sveltejs/kit';
import { error, json } from '@sveltejs/kit';
import { sequence } from '@sveltejs/kit/hooks';
import { building } from '$app/environment';
import { paraglideMiddleware } from '$lib/paraglide/server';
import { getDb } from '$lib/server/db';
import { getCommunity } from '$lib/server/community';
import { nowMs } from '$lib/server/clock';
import {
	residentPolicy,
	SESSION_COOKIE,
	staffPolicy,
	validateSession
} from '$lib/server/auth/session';
import { accessFor, mayRead, mayWrite } from '$lib/server/auth/access';
// Until a staff member replaces a password an admin gave them, only this page opens.
import { PASSWORD_PAGE } from '$lib/server/auth/guards';
import { sessionCookieOptions } from '$lib/server/auth/cookie';
import { m } from '$lib/paraglide/messages.js';
import { auditFailure } from '$lib/server/audit';
import errorPage from './error.html?raw';

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

// A form body that cannot be read (truncated upload, wrong content type) is the sender's mistake:
// 400 with a message, instead of a 500 from whichever action called request.formData(). So is a
// NUL character in a form or query value: no text column of PostgreSQL can hold one, and no
// person types one.
const handleFormBody: Handle = ({ event, resolve }) => {
	if (hasNul(event.url.searchParams.values()) || event.url.pathname.includes('%00'))
		error(400, m.form_nul());
	if (event.request.method !== 'GET' && event.request.method !== 'HEAD') {
		const request = event.request;
		const read = request.formData.bind(request);
		Object.defineProperty(request, 'formData', {
			value: async () => {
				let form: FormData;
				try {
					form = await read();
				} catch {
					error(400, m.form_stale());
				}
				if (hasNul(form.values())) error(400, m.form_nul());
				return form;
			}
		});
	}
	return resolve(event);
};

function hasNul(values: Iterable<FormDataEntryValue>): boolean {
	for (const v of values) if (typeof v === 'string' && v.includes('\u0000')) return true;
	return false;
}

const KIOSK_PRINTABLE =
	/^\/kiosk\/(queue\/[^/]+\/ticket\.pdf|me\/statement\.pdf|me\/receipts\/[^/]+\.pdf)$/;

/** The security headers of every answer, the refusals below included. */
function secure(response: Response, pathname: string): Response {
	response.headers.set('X-Content-Type-Options', 'nosniff');
	response.headers.set('Referrer-Policy', 'same-origin');
	const csp = response.headers.get('Content-Security-Policy');
	const withFrame = (rule: string) =>
		response.headers.set(
			'Content-Security-Policy',
			csp ? `${csp}; frame-ancestors ${rule}` : `frame-ancestors ${rule}`
		);
	if (KIOSK_PRINTABLE.test(pathname)) {
		// The kiosk prints its 80 mm slips silently from a hidden frame of its own page.
		response.headers.set('X-Frame-Options', 'SAMEORIGIN');
		withFrame("'self'");
	} else if (!pathname.startsWith('/kiosk/display') && pathname !== '/kiosk/pair') {
		// Only the hall display (and its pairing screen, which has nothing to click) may be framed
		// (e.g. by a signage player); nothing else.
		response.headers.set('X-Frame-Options', 'DENY');
		withFrame("'none'");
	}
	return response;
}

/** JSON unless the client asks for HTML first (SvelteKit's rule; no Accept at all means HTML). */
function wantsJson(request: Request): boolean {
	const accept = (request.headers.get('accept') ?? 'text/html').toLowerCase();
	const j = accept.indexOf('application/json');
	const h = accept.indexOf('text/html');
	return h < 0 ? j >= 0 || accept.includes('*/*') : j >= 0 && j < h;
}

/**
 * A refusal made before the route runs, in the form SvelteKit gives a redirect or error thrown
 * from a hook (page redirect, JSON redirect for data and enhanced form requests, JSON or the static
 * error page), but built here: thrown, it would bypass `secure()` and carry no security headers.
 */
function refuse(
	event: RequestEvent,
	how: { location: string } | { status: 401 | 403; message: string },
	clearCookie: boolean
): Response {
	let response: Response;
	if ('location' in how) {
		if (event.isDataRequest) response = json({ type: 'redirect', location: how.location });
		else if (event.request.headers.get('x-sveltekit-action') === 'true')
			response = json({ type: 'redirect', status: 303, location: how.location });
		else response = new Response(null, { status: 303, headers: { location: how.location } });
	} else if (event.isDataRequest || wantsJson(event.request)) {
		response = json({ message: how.message }, { status: how.status });
	} else {
		const page = errorPage
			.replaceAll('%sveltekit.status%', String(how.status))
			.replaceAll('%sveltekit.error.message%', how.message);
		response = new Response(page, {
			status: how.status,
			headers: { 'content-type': 'text/html; charset=utf-8' }
		});
	}
	if (clearCookie)
		response.headers.append(
			'set-cookie',
			event.cookies.serialize(SESSION_COOKIE, '', { ...sessionCookieOptions(event.url), maxAge: 0 })
		);
	return secure(response, event.url.pathname);
}

/** An access refusal goes to the audit log (path and status; capped per minute, see auditFailure). */
function auditRefusal(event: RequestEvent, status: number) {
	const user = event.locals.user;
	auditFailure(
		getDb(),
		{
			communityId: user?.communityId ?? null,
			actorId: user?.id ?? null,
			action: 'access.refused',
			targetType: 'path',
			targetId: event.route.id ?? event.url.pathname,
			detail: { status, method: event.request.method }
		},
		nowMs()
	);
}

const handleSession: Handle = async ({ event, resolve }) => {
	event.locals.user = null;
	event.locals.resident = null;
	event.locals.sessionId = null;
	const token = event.cookies.get(SESSION_COOKIE);
	let clearCookie = false;
	if (token) {
		const db = getDb();
		const session = validateSession(
			db,
			token,
			(kind, communityId) => {
				const settings = getCommunity(db, communityId).settings;
				// A resident's session follows the kiosk's idle setting (plus a margin, see residentPolicy).
				if (kind === 'resident') return residentPolicy(settings.kiosk.idleSeconds);
				const s = settings.sessions;
				return staffPolicy(s.staffIdleMinutes, s.staffAbsoluteHours);
			},
			nowMs()
		);
		if (!session) {
			event.cookies.delete(SESSION_COOKIE, sessionCookieOptions(event.url));
			clearCookie = true;
		} else {
			event.locals.sessionId = session.sessionId;
			if (session.kind === 'staff') event.locals.user = session.user;
			else event.locals.resident = session.resident;
		}
	}

	const access = accessFor(event.route.id, event.url.pathname);
	let forbidden = false;
	if (access === 'resident') {
		if (!event.locals.resident)
			return refuse(
				event,
				{
					location:
						'/kiosk/identify?next=' + encodeURIComponent(event.url.pathname + event.url.search)
				},
				clearCookie
			);
	} else if (access !== 'public') {
		if (!event.locals.user) {
			if (event.request.method === 'GET')
				return refuse(
					event,
					{ location: '/login?next=' + encodeURIComponent(event.url.pathname + event.url.search) },
					clearCookie
				);
			auditRefusal(event, 401);
			return refuse(event, { status: 401, message: 'unauthorised' }, clearCookie);
		}
		if (event.locals.user.mustChangePassword && event.url.pathname !== PASSWORD_PAGE) {
			if (event.request.method === 'GET' || event.request.method === 'HEAD')
				return refuse(event, { location: PASSWORD_PAGE }, false);
			auditRefusal(event, 403);
			return refuse(event, { status: 403, message: 'forbidden' }, false);
		}
		const reading = event.request.method === 'GET' || event.request.method === 'HEAD';
		forbidden = reading
			? !mayRead(event.locals.user, access)
			: !mayWrite(event.locals.user, access, event.url.pathname);
		// Refused here, a page would get SvelteKit's bare fallback page instead of the app's 403 page.
		// So only a GET goes on to its route, whose layout guard answers 403 with the proper page.
		if (forbidden) auditRefusal(event, 403);
		if (forbidden && event.request.method !== 'GET' && event.request.method !== 'HEAD')
			return refuse(event, { status: 403, message: 'forbidden' }, false);
	}

	const response = await resolve(event);
	if (forbidden && response.status < 400) {
		// The route answered without refusing (a guard forgotten): drop what it produced. (A data
		// request answers 200 even when its load refused, with the 403 inside: not worth a log line.)
		if (!event.isDataRequest)
			console.error(`route without a role guard: ${event.route.id ?? event.url.pathname}`);
		return refuse(event, { status: 403, message: 'forbidden' }, false);
	}
	secure(response, event.url.pathname);
	if (event.locals.user || event.locals.resident) response.headers.set('Cache-Control', 'no-store');
	return response;
};

export const handle: Handle = sequence(handleLocale, handleFormBody, handleSession);

export const handleError: HandleServerError = ({ error: err, status, message }) => {
	// A 4xx here is SvelteKit refusing a request (e.g. 415: a form action posted as JSON): its own
	// short text, not a failure of ours. Only 5xx are logged, and never shown beyond "internal".
	if (status >= 500) console.error(err);
	return { message: status === 404 ? 'not_found' : status < 500 ? message : 'internal' };
};
