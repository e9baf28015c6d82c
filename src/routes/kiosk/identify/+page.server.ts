import { fail, redirect } from '@sveltejs/kit';
import { m } from '$lib/paraglide/messages.js';
import { getDb } from '$lib/server/db';
import { nowMs } from '$lib/server/clock';
import { defaultCommunityId } from '$lib/server/community/default';
import { identifyResident } from '$lib/server/auth/resident';
import { createSession, invalidateSession, RESIDENT_POLICY, SESSION_COOKIE } from '$lib/server/auth/session';
import { sessionCookieOptions } from '$lib/server/auth/cookie';
import { safeNext } from '$lib/server/auth/home';

/** Resident pages live under /kiosk/me; only those are followed after identification. */
function kioskNext(next: string | null): string {
	const n = safeNext(next);
	return n && n.startsWith('/kiosk/me') ? n : '/kiosk/me';
}

export const load = ({ url }) => ({ next: kioskNext(url.searchParams.get('next')) });

export const actions = {
	default: async ({ request, cookies, url, getClientAddress, locals }) => {
		const form = await request.formData();
		const room = String(form.get('room') ?? '').slice(0, 64);
		const digits = String(form.get('digits') ?? '').slice(0, 16);
		const db = getDb();
		const communityId = defaultCommunityId(db);
		if (!communityId) return fail(503, { room, message: m.kiosk_identify_invalid() });
		const now = nowMs();
		const r = identifyResident(db, communityId, room, digits, getClientAddress(), now);
		if (!r.ok) {
			const message = r.reason === 'empty' ? m.kiosk_identify_empty() : r.reason === 'limited' ? m.kiosk_identify_limited({ minutes: r.minutes ?? 15 }) : m.kiosk_identify_invalid();
			return fail(r.reason === 'limited' ? 429 : 400, { room, message });
		}
		if (locals.sessionId) invalidateSession(db, locals.sessionId);
		const { token, expiresAt } = createSession(db, { kind: 'resident', unitId: r.unitId }, RESIDENT_POLICY, now);
		cookies.set(SESSION_COOKIE, token, sessionCookieOptions(url, expiresAt - now));
		redirect(303, kioskNext(String(form.get('next') ?? '')));
	}
};
