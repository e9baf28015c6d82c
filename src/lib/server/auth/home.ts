import type { Role } from '../db/schema';

/** Where each role lands after sign-in. */
export function homeFor(role: Role): string {
	return role === 'admin' ? '/admin' : role === 'manager' ? '/manager' : '/counter';
}

/** Only same-site relative paths are followed after sign-in (no open redirect). */
export function safeNext(next: string | null): string | null {
	if (!next || !next.startsWith('/') || next.startsWith('//') || next.startsWith('/\\')) return null;
	return next;
}
