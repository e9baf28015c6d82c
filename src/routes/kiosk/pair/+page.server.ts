import { redirect } from '@sveltejs/kit';
import { getDb } from '$lib/server/db';
import { nowMs } from '$lib/server/clock';
import { ensureDevice, pairingCodeFor } from '$lib/server/kiosk-devices';
import { displayPairingCode, PAIRING_CODE_TTL_MS } from '$lib/domain/kiosk-pairing';
import type { KioskDeviceKind } from '$lib/server/db/schema';
import { kioskScreen } from '../community';
import type { PageServerLoad } from './$types';

const START: Record<KioskDeviceKind, string> = { kiosk: '/kiosk', display: '/kiosk/display' };

/**
 * The pairing screen of a hall kiosk or display: its device code, renewed before it runs out. The
 * page asks again every few seconds; once the counter has paired it, it goes to its start screen.
 */
export const load = ((event) => {
	const screen = kioskScreen(event);
	if (screen.device?.pairing) redirect(303, START[screen.device.kind]);
	const db = getDb();
	const now = nowMs();
	// Opened without `?kind=` (by hand): the kind the device already has, else the kiosk.
	const asked = event.url.searchParams.get('kind');
	const kind: KioskDeviceKind =
		asked === 'display' || asked === 'kiosk' ? asked : (screen.device?.kind ?? 'kiosk');
	const device =
		screen.device?.kind === kind ? screen.device : ensureDevice(db, screen.tokenHash, kind, now);
	const { code, expiresAt } = pairingCodeFor(db, device, now);
	return {
		code: displayPairingCode(code),
		kind: device.kind,
		expiresInMs: expiresAt - now,
		minutes: PAIRING_CODE_TTL_MS / 60_000
	};
}) satisfies PageServerLoad;
