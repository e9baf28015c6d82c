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
import { safeNext } from '$lib/server/auth/home';
import { kioskCommunityId } from '../community';
import type { Actions, PageServerLoad } from './$types';

/** Resident pages live under /kiosk/me; only those are followed after identification. */
function kioskNext(next: string | null): string {
	const n = safeNext(next);
	return n && n.startsWith('/kiosk/me') ? n : '/kiosk/me';
}

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

/**
 * The room a link names (the reminder notice's QR: `?room=<code>`), to prefill: only what the
 * keypad could type, cut to its length. It identifies nobody: the phone digits still do.
 */
function roomOf(raw: string | null): string {
	const room = (raw ?? '').trim().slice(0, 16);
	return /^[0-9A-Za-z-]+$/.test(room) ? room : '';
}

export const load = ((event) => {
	// An unpaired hall screen identifies nobody: it is sent to its pairing screen.
	kioskCommunityId(event, false);
	return {
		next: kioskNext(event.url.searchParams.get('next')),
		room: roomOf(event.url.searchParams.get('room'))
	};
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
