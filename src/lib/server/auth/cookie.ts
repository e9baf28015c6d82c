/**
 * Session cookie options. `secure` follows the request protocol: SvelteKit's default (secure
 * except on http://localhost) silently breaks sign-in over plain http on a LAN. The lifetime is
 * a Max-Age, not an Expires date: the app clock may be pinned (tests, demos) while the browser
 * judges an Expires date by the real clock.
 */
export function sessionCookieOptions(url: URL, lifetimeMs?: number) {
	return {
		path: '/',
		httpOnly: true,
		sameSite: 'lax' as const,
		secure: url.protocol === 'https:',
		...(lifetimeMs !== undefined ? { maxAge: Math.max(1, Math.floor(lifetimeMs / 1000)) } : {})
	};
}
