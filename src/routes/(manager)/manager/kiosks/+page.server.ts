import { requireStaff } from '$lib/server/auth/guards';
import { actorOf } from '$lib/server/auth/actor';
import { getCommunity } from '$lib/server/community';
import { getDb } from '$lib/server/db';
import { nowMs } from '$lib/server/clock';
import { failForm, formValues, parseForm } from '$lib/server/forms';
import { refusal } from '$lib/server/refusal';
import { communityPairings, pairDevice, revokePairing } from '$lib/server/kiosk-devices';
import { pairSchema, revokeSchema } from '$lib/server/kiosk-devices/forms';
import { formatDateTimeLocal } from '$lib/dates';
import { m } from '$lib/paraglide/messages.js';
import { centrePhoneLink } from './phone-link';
import type { Actions, PageServerLoad } from './$types';

/** /manager/kiosks — 自助机与叫号屏: pair a hall screen by its code, see and revoke the paired ones. */
export const load: PageServerLoad = ({ locals, url }) => {
	const user = requireStaff(locals, 'manager', url);
	const db = getDb();
	const { timeZone, code } = getCommunity(db, user.communityId);
	const fmt = (ms: number) => formatDateTimeLocal(ms, timeZone);
	return {
		phoneLink: centrePhoneLink(url, code),
		devices: communityPairings(db, user.communityId).map((d) => ({
			...d,
			paired: fmt(d.pairedAt),
			lastSeen: fmt(d.lastSeenAt),
			revoked: d.revokedAt === null ? null : fmt(d.revokedAt)
		}))
	};
};

export const actions = {
	pair: async ({ locals, url, request }) => {
		requireStaff(locals, 'manager', url);
		const form = await request.formData();
		const read = parseForm(pairSchema, form);
		if (!read.ok)
			return failForm(400, m.form_fix_errors(), { errors: read.errors, values: read.values });
		try {
			pairDevice(getDb(), actorOf(locals), read.data, nowMs());
		} catch (e) {
			return refusal(e, { values: formValues(form) });
		}
		return { ok: m.kiosk_devices_paired({ name: read.data.name }) };
	},
	revoke: async ({ locals, url, request }) => {
		requireStaff(locals, 'manager', url);
		const read = parseForm(revokeSchema, await request.formData());
		if (!read.ok)
			return failForm(400, m.form_fix_errors(), { errors: read.errors, values: read.values });
		try {
			const name = revokePairing(getDb(), actorOf(locals), read.data.id, nowMs());
			return { ok: m.kiosk_devices_revoked({ name }) };
		} catch (e) {
			return refusal(e);
		}
	}
} satisfies Actions;
