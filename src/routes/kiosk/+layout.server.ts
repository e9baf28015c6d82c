import { getDb } from '$lib/server/db';
import { getCommunity } from '$lib/server/community';
import { LARGE_TEXT_COOKIE } from '$lib/kiosk-text';
import { rememberVia, residentSource } from './source';
import { kioskPlaceOf } from './community';
import type { LayoutServerLoad } from './$types';

export const load = ((event) => {
	const { locals, url, cookies, request, setHeaders } = event;
	// A kiosk page is never kept by the browser: Back after a reset must ask the server again.
	setHeaders({ 'cache-control': 'no-store' });
	const db = getDb();
	// Unpaired (the pairing screen) or a phone choosing: no community yet.
	const place = kioskPlaceOf(event);
	const communityId = 'communityId' in place ? place.communityId : null;
	const c = communityId ? getCommunity(db, communityId) : null;
	rememberVia(url, cookies);
	return {
		resident: locals.resident ? { unitCode: locals.resident.unitCode } : null,
		community: c ? { name: c.name, centreName: c.centreName, phone: c.settings.kiosk.phone } : null,
		/** 大字模式, chosen for this visit (a session cookie the resets clear). */
		largeText: cookies.get(LARGE_TEXT_COOKIE) === '1',
		idleSeconds: c?.settings.kiosk.idleSeconds ?? 60,
		/** On a phone the pages drop kiosk-only things (printing, the on-screen keypad). */
		mobile: residentSource(request, cookies, url) === 'mobile'
	};
}) satisfies LayoutServerLoad;
