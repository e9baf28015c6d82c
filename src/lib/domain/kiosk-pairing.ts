/**
 * Pairing a hall kiosk or queue display with a community (issue 22), pure: the code its screen
 * shows, when that code is live, and which community an unpaired device serves.
 */

/** No 0/O, 1/I/L, 5/S, 2/Z, 8/B: read off a screen across the hall and typed at the counter. */
export const PAIRING_ALPHABET = 'ACDEFGHJKMNPQRTUVWXY34679';
export const PAIRING_CODE_LENGTH = 6;
/** A code shown on the screen is good for 15 minutes; the screen then shows a new one. */
export const PAIRING_CODE_TTL_MS = 15 * 60_000;
/** Renewed this long before it runs out, so a code being typed at the counter does not expire under the clerk. */
export const PAIRING_CODE_RENEW_BEFORE_MS = 2 * 60_000;

/**
 * A code from random bytes (one per character). Bytes at or above the largest multiple of the
 * alphabet's size are skipped, so every character is equally likely; null when too few are left.
 */
export function codeFromBytes(bytes: Uint8Array): string | null {
	const n = PAIRING_ALPHABET.length;
	const limit = 256 - (256 % n);
	let code = '';
	for (const b of bytes) {
		if (b >= limit) continue;
		code += PAIRING_ALPHABET[b % n];
		if (code.length === PAIRING_CODE_LENGTH) return code;
	}
	return null;
}

/** What the counter typed, as a code: upper case, spaces and dashes dropped; null if it cannot be one. */
export function normalisePairingCode(input: string): string | null {
	const s = input.toUpperCase().replace(/[\s\-－—·.]/g, '');
	if (s.length !== PAIRING_CODE_LENGTH) return null;
	for (const ch of s) if (!PAIRING_ALPHABET.includes(ch)) return null;
	return s;
}

/** The code as the screen shows it: two groups of three ("ACD 479"). */
export function displayPairingCode(code: string): string {
	return `${code.slice(0, 3)} ${code.slice(3)}`;
}

/** Whether a code that runs out at `expiresAt` is still accepted at the counter. */
export function codeLive(expiresAt: number | null, now: number): boolean {
	return expiresAt !== null && now < expiresAt;
}

/** Whether the screen should show a new code now (none yet, run out, or about to). */
export function codeNeedsRenewal(code: string | null, expiresAt: number | null, now: number) {
	return code === null || expiresAt === null || now >= expiresAt - PAIRING_CODE_RENEW_BEFORE_MS;
}

/**
 * The community an unpaired device serves without setup: the one `KIOSK_COMMUNITY` names, else
 * the only community of the deployment. With several and none named, null: the device must be
 * paired (a centre of a company must not show another centre's queue).
 */
export function fallbackCommunity(
	communities: readonly { id: number; code: string }[],
	configuredCode: string | undefined
): number | null {
	if (configuredCode) return communities.find((c) => c.code === configuredCode)?.id ?? null;
	return communities.length === 1 ? communities[0].id : null;
}

export type KioskPlace =
	| { kind: 'resident'; communityId: number }
	| { kind: 'paired'; communityId: number }
	/** A resident's phone, on the community its link named (`remember`: keep it in the cookie) or it chose before. */
	| { kind: 'phone'; communityId: number; remember: boolean }
	| { kind: 'fallback'; communityId: number }
	/** A hall screen nobody has paired: the pairing screen. */
	| { kind: 'unpaired' }
	/** A phone that named no community, with several to choose from: the chooser. */
	| { kind: 'choose' };

/** What decides whom a kiosk page serves; communities are ids, null when none (or unknown). */
export interface KioskAsk {
	/** The identified resident's community. */
	resident: number | null;
	/** The community this device is paired with. */
	paired: number | null;
	/** `KIOSK_COMMUNITY` or the only community. */
	fallback: number | null;
	/** A resident's phone (source 'mobile'), not a hall screen. */
	phone: boolean;
	/** The community the link names (`?c=`); a code that names none is null. */
	linked: number | null;
	/** The community this browser chose before (its cookie). */
	remembered: number | null;
}

/**
 * Whom a kiosk page serves: the identified resident's community, the paired device's, a phone's
 * chosen one, the fallback. A link can only choose for a phone, and never over a pairing: a hall
 * screen is not switched by whoever types an address into it. The link beats the fallback, since
 * unit codes repeat between communities and the link knows which one it was printed for.
 */
export function kioskPlace(ask: KioskAsk): KioskPlace {
	if (ask.resident !== null) return { kind: 'resident', communityId: ask.resident };
	if (ask.paired !== null) return { kind: 'paired', communityId: ask.paired };
	const chosen = ask.phone ? (ask.linked ?? ask.remembered) : null;
	if (chosen !== null)
		return { kind: 'phone', communityId: chosen, remember: chosen !== ask.remembered };
	if (ask.fallback !== null) return { kind: 'fallback', communityId: ask.fallback };
	return ask.phone ? { kind: 'choose' } : { kind: 'unpaired' };
}
