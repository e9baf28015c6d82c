import { describe, expect, it } from 'vitest';
import {
	codeFromBytes,
	codeLive,
	codeNeedsRenewal,
	displayPairingCode,
	fallbackCommunity,
	kioskPlace,
	normalisePairingCode,
	PAIRING_ALPHABET,
	PAIRING_CODE_RENEW_BEFORE_MS,
	PAIRING_CODE_TTL_MS
} from './kiosk-pairing';
import { decidePairingAttempt, PAIRING_LIMIT } from './access-limits';

const MIN = 60_000;

describe('pairing codes', () => {
	it('are 6 characters of the unambiguous alphabet, one byte each', () => {
		const bytes = Uint8Array.from([0, 1, 2, 3, 4, 24]);
		expect(codeFromBytes(bytes)).toBe('ACDEF9');
		for (const ch of '01IOL5S2Z8B') expect(PAIRING_ALPHABET).not.toContain(ch);
	});
	it('skip bytes that would make some characters likelier, and give up when too few are left', () => {
		// 25 characters: bytes 250–255 would favour the first six.
		expect(codeFromBytes(Uint8Array.from([250, 255, 0, 1, 2, 3, 4, 5]))).toBe('ACDEFG');
		expect(codeFromBytes(Uint8Array.from([0, 1, 2, 3, 4, 251]))).toBeNull();
	});
	it('are read back whatever the counter types around them', () => {
		expect(normalisePairingCode(' acd-479 ')).toBe('ACD479');
		expect(normalisePairingCode('ACD 479')).toBe('ACD479');
		expect(normalisePairingCode(displayPairingCode('ACD479'))).toBe('ACD479');
		expect(displayPairingCode('ACD479')).toBe('ACD 479');
	});
	it('refuse what no screen shows: wrong length, ambiguous letters, other scripts', () => {
		for (const bad of ['', 'ACD47', 'ACD4799', 'ACD0O1', 'ACDIL5', '设备码设备码', "A'--;"])
			expect(normalisePairingCode(bad), bad).toBeNull();
	});
	it('are accepted until they run out, not at the instant they do', () => {
		const t = 1_000_000;
		expect(codeLive(t + 1, t)).toBe(true);
		expect(codeLive(t, t)).toBe(false);
		expect(codeLive(null, t)).toBe(false);
	});
	it('are renewed shortly before they run out, so a code being typed stays good', () => {
		const issued = 5_000_000;
		const expires = issued + PAIRING_CODE_TTL_MS;
		expect(PAIRING_CODE_TTL_MS).toBe(15 * MIN);
		expect(codeNeedsRenewal('ACD479', expires, issued)).toBe(false);
		expect(codeNeedsRenewal('ACD479', expires, expires - PAIRING_CODE_RENEW_BEFORE_MS - 1)).toBe(
			false
		);
		expect(codeNeedsRenewal('ACD479', expires, expires - PAIRING_CODE_RENEW_BEFORE_MS)).toBe(true);
		expect(codeNeedsRenewal(null, null, issued)).toBe(true);
	});
});

describe('the community of an unpaired screen', () => {
	const one = [{ id: 7, code: 'LMXG' }];
	const two = [
		{ id: 7, code: 'LMXG' },
		{ id: 9, code: 'HX' }
	];
	it('is the only community of a single centre: no setup', () => {
		expect(fallbackCommunity(one, undefined)).toBe(7);
		expect(fallbackCommunity(one, '')).toBe(7);
	});
	it('is none with several communities: the screen must be paired', () => {
		expect(fallbackCommunity(two, undefined)).toBeNull();
		expect(fallbackCommunity([], undefined)).toBeNull();
	});
	it('is the one KIOSK_COMMUNITY names, and none when it names no community', () => {
		expect(fallbackCommunity(two, 'HX')).toBe(9);
		expect(fallbackCommunity(one, 'NOPE')).toBeNull();
	});
});

describe('whom a kiosk page serves', () => {
	// 7 = 鹿鸣溪谷 (LMXG), 9 = 荷香苑 (HXY).
	const hall = {
		resident: null,
		paired: null,
		fallback: null,
		phone: false,
		linked: null,
		remembered: null
	};
	const phone = { ...hall, phone: true };
	it('the identified resident first, then the paired device, then the fallback', () => {
		expect(kioskPlace({ ...hall, resident: 3, paired: 5, fallback: 7 })).toEqual({
			kind: 'resident',
			communityId: 3
		});
		expect(kioskPlace({ ...hall, paired: 5, fallback: 7 })).toEqual({
			kind: 'paired',
			communityId: 5
		});
		expect(kioskPlace({ ...hall, fallback: 7 })).toEqual({ kind: 'fallback', communityId: 7 });
		expect(kioskPlace(hall)).toEqual({ kind: 'unpaired' });
	});
	it('a phone opening the poster link of 荷香苑 is served 荷香苑 and remembers it', () => {
		expect(kioskPlace({ ...phone, linked: 9 })).toEqual({
			kind: 'phone',
			communityId: 9,
			remember: true
		});
		// Even where KIOSK_COMMUNITY names 鹿鸣溪谷: the link knows which centre printed it.
		expect(kioskPlace({ ...phone, fallback: 7, linked: 9 })).toMatchObject({ communityId: 9 });
	});
	it('a phone that chose before keeps its community without a code, and is not written again', () => {
		expect(kioskPlace({ ...phone, remembered: 9 })).toEqual({
			kind: 'phone',
			communityId: 9,
			remember: false
		});
		expect(kioskPlace({ ...phone, linked: 9, remembered: 9 })).toMatchObject({ remember: false });
		// A newer link (another centre's notice) replaces the choice.
		expect(kioskPlace({ ...phone, linked: 7, remembered: 9 })).toEqual({
			kind: 'phone',
			communityId: 7,
			remember: true
		});
	});
	it('a phone with no code: the only community, else the chooser — never the pairing screen', () => {
		expect(kioskPlace({ ...phone, fallback: 7 })).toEqual({ kind: 'fallback', communityId: 7 });
		expect(kioskPlace(phone)).toEqual({ kind: 'choose' });
	});
	it('a link never switches a hall screen, nor a paired device', () => {
		expect(kioskPlace({ ...hall, linked: 9, remembered: 9 })).toEqual({ kind: 'unpaired' });
		expect(kioskPlace({ ...hall, fallback: 7, linked: 9 })).toEqual({
			kind: 'fallback',
			communityId: 7
		});
		expect(kioskPlace({ ...phone, paired: 7, linked: 9 })).toEqual({
			kind: 'paired',
			communityId: 7
		});
	});
	it('the identified resident’s community wins over the phone’s link', () => {
		expect(kioskPlace({ ...phone, resident: 7, linked: 9 })).toEqual({
			kind: 'resident',
			communityId: 7
		});
	});
});

describe('guessing pairing codes', () => {
	const now = 100 * MIN;
	it('is allowed up to the limit, then waits until the oldest guess leaves the window', () => {
		const times = Array.from({ length: PAIRING_LIMIT.max - 1 }, (_, i) => now - i * MIN);
		expect(decidePairingAttempt(times, now)).toEqual({ allow: true });
		const full = [...times, now - 10 * MIN];
		expect(decidePairingAttempt(full, now)).toEqual({ allow: false, minutes: 5 });
		expect(decidePairingAttempt(full, now - 10 * MIN + PAIRING_LIMIT.windowMs)).toEqual({
			allow: true
		});
	});
});
