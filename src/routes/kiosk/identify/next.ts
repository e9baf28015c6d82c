import { safeNext } from '$lib/safe-next';

/** Resident pages live under /kiosk/me; only those are followed after identification. */
export function kioskNext(next: string | null): string {
	const n = safeNext(next);
	return n && n.startsWith('/kiosk/me') ? n : '/kiosk/me';
}

/**
 * The room a link names (the reminder notice's QR: `?room=<code>`), to prefill: only what the
 * keypad could type, cut to its length. It identifies nobody: the phone digits still do.
 */
export function roomOf(raw: string | null): string {
	const room = (raw ?? '').trim().slice(0, 16);
	return /^[0-9A-Za-z-]+$/.test(room) ? room : '';
}
