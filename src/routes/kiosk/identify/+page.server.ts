import { fail, redirect } from '@sveltejs/kit';
import { m } from '$lib/paraglide/messages.js';
import { getDb } from '$lib/server/db';
import { nowMs } from '$lib/server/clock';
import { identifyDelayMs, identifyResident, type IdentifyResult } from '$lib/server/auth/resident';
import {
	createSession,
	invalidateSession,
	RESIDENT_POLICY,
	SESSION_COOKIE
} from '$lib/server/auth/session';
import { sessionCookieOptions } from '$lib/server/auth/cookie';
import { kioskNext } from './next';
import { kioskCommunityId } from '../community';
import type { Actions, PageServerLoad } from './$types';

function refusal(
	r: Exclude<IdentifyResult, { ok: true }>,
	full: boolean
): { message: string; full: boolean } {
	switch (r.reason) {
		case 'empty':
			return { message: full ? m.kiosk_identify_empty_full() : m.kiosk_identify_empty(), full };
		case 'need_full':
			return { message: m.kiosk_identify_need_full(), full: true };
		case 'limited':
			return { message: m.kiosk_identify_limited({ minutes: r.minutes }), full: true };
		case 'invalid':
			// Four digits no longer taken for this room: say so rather than "0 tries left".
			if (r.mode === 'full' && !full) return { message: m.kiosk_identify_need_full(), full: true };
			return {
				message: m.kiosk_identify_invalid_left({ count: r.triesLeft }),
				full: r.mode === 'full'
			};
	}
}

// `next` and `room` are read in the page; the server only sends an unpaired hall screen to its
// pairing screen (the layout's data is fetched on every navigation anyway, so this adds no request).
export const load = ((event) => {
	kioskCommunityId(event, false);
}) satisfies PageServerLoad;

export const actions = {
	default: async (event) => {
		const { request, cookies, url, getClientAddress, locals } = event;
		const form = await request.formData();
		const room = String(form.get('room') ?? '').slice(0, 64);
		const digits = String(form.get('digits') ?? '').slice(0, 32);
		const full = form.get('full') === '1';
		const db = getDb();
		// The screen's community (paired or fallback), never the last resident's.
		const communityId = kioskCommunityId(event, false);
		const address = getClientAddress();
		// Many recent failures from this address: answer more slowly (never refuse: the hall kiosk
		// is everyone's address).
		const delay = identifyDelayMs(db, address, nowMs());
		if (delay > 0) await new Promise((r) => setTimeout(r, delay));
		const now = nowMs();
		const r = identifyResident(db, communityId, room, digits, address, now);
		if (!r.ok) return fail(r.reason === 'limited' ? 429 : 400, { room, ...refusal(r, full) });
		if (locals.sessionId) invalidateSession(db, locals.sessionId);
		const { token, expiresAt } = createSession(
			db,
			{ kind: 'resident', unitId: r.unitId },
			RESIDENT_POLICY,
			now
		);
		cookies.set(SESSION_COOKIE, token, sessionCookieOptions(url, expiresAt - now));
		redirect(303, kioskNext(String(form.get('next') ?? '')));
	}
} satisfies Actions;
