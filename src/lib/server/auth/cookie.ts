/**
 * Session cookie options. `secure` follows the request protocol: SvelteKit's default (secure
 * except on http://localhost) silently breaks sign-in over plain http on a LAN.
 */
export function sessionCookieOptions(url: URL, expiresAt?: number) {
	return {
		path: '/',
		httpOnly: true,
		sameSite: 'lax' as const,
		secure: url.protocol === 'https:',
		...(expiresAt ? { expires: new Date(expiresAt) } : {})
	};
}
