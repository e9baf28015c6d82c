import { eq } from 'drizzle-orm';
import { z } from 'zod';
import { m } from '$lib/paraglide/messages.js';
import { tx, type Db } from '../db';
import { communities } from '../db/schema';
import { parseSettings, settingsSchema, type CommunitySettings } from '../../domain/settings';
import { forgetCommunity, getCommunity } from '../community';
import { audit } from '../audit';
import { numberField, plainText } from './fields';
import type { Actor } from './staff';

/** The canonical IANA name of a time zone (Intl accepts any case), or null if unknown. */
export function canonicalTimeZone(name: string): string | null {
	if (!name || name.length > 64) return null;
	try {
		return new Intl.DateTimeFormat('en-US', { timeZone: name }).resolvedOptions().timeZone;
	} catch {
		return null;
	}
}

/** Every time zone the runtime knows, for the form's suggestion list. */
export function timeZoneNames(): string[] {
	return Intl.supportedValuesOf('timeZone');
}

/** The settings form: the community's names and the numbers other capabilities read. */
export const settingsFormSchema = z.object({
	name: plainText(60),
	centreName: plainText(60),
	timeZone: z
		.string()
		.trim()
		.min(1)
		.max(64)
		.transform((s, ctx) => {
			const tz = canonicalTimeZone(s);
			if (!tz) {
				ctx.addIssue({ code: 'custom', message: m.validation_timezone() });
				return z.NEVER;
			}
			return tz;
		}),
	dueDay: numberField(1, 28),
	lateFeeRatePerMille: numberField(0, 100),
	lateFeeCapPercent: numberField(0, 1000, { optional: true }),
	vacancyPercent: numberField(0, 100),
	keyLoanHours: numberField(0.25, 72, { decimals: 2 }),
	staffIdleMinutes: numberField(1, 1440),
	staffAbsoluteHours: numberField(1, 72),
	kioskPhone: z
		.string()
		.trim()
		.max(40)
		.regex(/^[0-9+\-() ]*$/, { error: () => m.validation_phone_format() })
});
export type SettingsForm = z.infer<typeof settingsFormSchema>;

/** The form's current values, as the text boxes show them. */
export function settingsFormValues(db: Db, communityId: number): Record<keyof SettingsForm, string> {
	return formValuesOf(getCommunity(db, communityId));
}

function formValuesOf(c: { name: string; centreName: string; timeZone: string; settings: CommunitySettings }): Record<keyof SettingsForm, string> {
	const s = c.settings;
	return {
		name: c.name,
		centreName: c.centreName,
		timeZone: c.timeZone,
		dueDay: String(s.fees.dueDay),
		lateFeeRatePerMille: String(s.fees.lateFeeRatePerMille),
		lateFeeCapPercent: s.fees.lateFeeCapPercent === null ? '' : String(s.fees.lateFeeCapPercent),
		vacancyPercent: String(s.fees.vacancyPercent),
		keyLoanHours: String(s.keys.loanHours),
		staffIdleMinutes: String(s.sessions.staffIdleMinutes),
		staffAbsoluteHours: String(s.sessions.staffAbsoluteHours),
		kioskPhone: s.kiosk.phone
	};
}

type Json = Record<string, unknown>;
const isObject = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);

function parseRaw(json: string): Json {
	try {
		const v: unknown = JSON.parse(json);
		return isObject(v) ? v : {};
	} catch {
		return {};
	}
}

/**
 * Puts the form's values into the stored settings JSON. Only the keys this form owns are
 * written: every other key (other capabilities' settings, future ones) is kept as it was.
 */
export function mergeSettings(raw: Json, f: SettingsForm): Json {
	const section = (name: string) => (isObject(raw[name]) ? (raw[name] as Json) : {});
	return {
		...raw,
		fees: {
			...section('fees'),
			dueDay: f.dueDay,
			lateFeeRatePerMille: f.lateFeeRatePerMille,
			lateFeeCapPercent: f.lateFeeCapPercent,
			vacancyPercent: f.vacancyPercent
		},
		keys: { ...section('keys'), loanHours: f.keyLoanHours },
		sessions: { ...section('sessions'), staffIdleMinutes: f.staffIdleMinutes, staffAbsoluteHours: f.staffAbsoluteHours },
		kiosk: { ...section('kiosk'), phone: f.kioskPhone }
	};
}

export type SaveSettingsResult = { ok: true; changed: string[] } | { ok: false; error: 'not_found' | 'invalid_stored' };

/** Saves the form for the actor's community in one transaction, audits what changed, drops the cache. */
export function saveSettings(db: Db, actor: Actor, f: SettingsForm, now: number): SaveSettingsResult {
	const result = tx(db, (): SaveSettingsResult => {
		const row = db.select().from(communities).where(eq(communities.id, actor.communityId)).get();
		if (!row) return { ok: false, error: 'not_found' };
		const before = formValuesOf({ ...row, settings: parseSettings(row.settings) });
		const merged = mergeSettings(parseRaw(row.settings), f);
		// Another capability's stored key being broken would make every setting fall back to its
		// default when read: refuse rather than save something that does not take effect.
		if (!settingsSchema.safeParse(merged).success) return { ok: false, error: 'invalid_stored' };
		const after: Record<string, string> = Object.fromEntries(Object.entries(f).map(([k, v]) => [k, v === null ? '' : String(v)]));
		const changes: Record<string, [string, string]> = {};
		for (const k of Object.keys(before) as (keyof typeof before)[]) if (before[k] !== after[k]) changes[k] = [before[k], after[k]];
		if (Object.keys(changes).length === 0) return { ok: true, changed: [] };
		db.update(communities)
			.set({ name: f.name, centreName: f.centreName, timeZone: f.timeZone, settings: JSON.stringify(merged) })
			.where(eq(communities.id, row.id))
			.run();
		audit(db, { communityId: row.id, actorId: actor.id, action: 'community.settings', targetType: 'community', targetId: row.id, detail: changes }, now);
		return { ok: true, changed: Object.keys(changes) };
	});
	// Forget the cached copy even when nothing changed: the next read sees the stored row.
	forgetCommunity(actor.communityId);
	return result;
}
