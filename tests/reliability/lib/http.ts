import { parse as devalueParse } from 'devalue';
import { PASSWORD } from './env';

export type Fields = Record<string, string | string[]>;
export type Body = Fields | URLSearchParams | FormData | string;

export interface Answer {
	status: number;
	location: string | null;
	headers: Headers;
	text: string;
}

/** The JSON answer of a form action posted the way `use:enhance` posts it. */
export interface ActionAnswer {
	/** HTTP status of the response itself (SvelteKit answers 200 for a failure, with `status` inside). */
	httpStatus: number;
	type: 'success' | 'failure' | 'redirect' | 'error' | 'unknown';
	/** The action's status: fail(4xx), 303 for a redirect, the error status. */
	status: number;
	location?: string;
	data?: Record<string, unknown> | null;
	error?: { message?: string } | null;
	raw: string;
}

function toBody(body: Body | undefined): { body?: BodyInit; type?: string } {
	if (body === undefined) return {};
	if (typeof body === 'string') return { body, type: 'application/x-www-form-urlencoded' };
	if (body instanceof FormData) return { body };
	if (body instanceof URLSearchParams)
		return { body: body.toString(), type: 'application/x-www-form-urlencoded' };
	const p = new URLSearchParams();
	for (const [k, v] of Object.entries(body))
		for (const one of Array.isArray(v) ? v : [v]) p.append(k, one);
	return { body: p.toString(), type: 'application/x-www-form-urlencoded' };
}

/**
 * A browser-like client: keeps cookies, sends the Origin header a same-origin form post carries,
 * never follows redirects (the tests look at them).
 */
export class Client {
	readonly cookies = new Map<string, string>();

	constructor(readonly base: string) {}

	get origin() {
		return new URL(this.base).origin;
	}

	private remember(res: Response) {
		for (const c of res.headers.getSetCookie()) {
			const [pair, ...attrs] = c.split(';');
			const i = pair.indexOf('=');
			const name = pair.slice(0, i).trim();
			const value = pair.slice(i + 1).trim();
			const gone =
				attrs.some(
					(a) =>
						/^\s*max-age\s*=\s*0\s*$/i.test(a) ||
						(/^\s*expires\s*=/i.test(a) && Date.parse(a.split('=')[1]) < Date.now())
				) || value === '';
			if (gone) this.cookies.delete(name);
			else this.cookies.set(name, value);
		}
	}

	cookieHeader(): string {
		return [...this.cookies].map(([k, v]) => `${k}=${v}`).join('; ');
	}

	async fetch(
		path: string,
		init: RequestInit & { headers?: Record<string, string> } = {}
	): Promise<Response> {
		const headers: Record<string, string> = { ...(init.headers ?? {}) };
		if (this.cookies.size && !('cookie' in headers)) headers.cookie = this.cookieHeader();
		const go = () => fetch(new URL(path, this.base), { ...init, headers, redirect: 'manual' });
		let res: Response;
		try {
			res = await go();
		} catch (e) {
			// The server closes idle keep-alive sockets after 5 s; a request sent on one at that moment
			// never reached it. Sent again once (anything else is thrown, with its cause in the message).
			const code = (e as { cause?: { code?: string } }).cause?.code ?? '';
			if (!['UND_ERR_SOCKET', 'ECONNRESET'].includes(code) || init.body instanceof ReadableStream)
				throw new Error(`${init.method ?? 'GET'} ${path}: ${code || (e as Error).message}`, {
					cause: e
				});
			res = await go();
		}
		this.remember(res);
		return res;
	}

	async get(path: string, headers: Record<string, string> = {}): Promise<Answer> {
		const res = await this.fetch(path, { headers: { accept: 'text/html', ...headers } });
		return {
			status: res.status,
			location: res.headers.get('location'),
			headers: res.headers,
			text: await res.text()
		};
	}

	/** A plain HTML form post (no JavaScript): answers 303 on success, 4xx with the page on failure. */
	async post(path: string, body?: Body, headers: Record<string, string> = {}): Promise<Answer> {
		const b = toBody(body);
		const res = await this.fetch(path, {
			method: 'POST',
			body: b.body,
			headers: {
				accept: 'text/html',
				origin: this.origin,
				...(b.type ? { 'content-type': b.type } : {}),
				...headers
			}
		});
		return {
			status: res.status,
			location: res.headers.get('location'),
			headers: res.headers,
			text: await res.text()
		};
	}

	/** A form action posted like `use:enhance` does; the answer decoded. */
	async action(
		path: string,
		body?: Body,
		headers: Record<string, string> = {}
	): Promise<ActionAnswer> {
		const b = toBody(body);
		const res = await this.fetch(path, {
			method: 'POST',
			body: b.body,
			headers: {
				accept: 'application/json',
				'x-sveltekit-action': 'true',
				origin: this.origin,
				...(b.type ? { 'content-type': b.type } : {}),
				...headers
			}
		});
		return decodeAction(res.status, await res.text());
	}

	/** A client of another app instance holding this client's session (sessions are in the database). */
	on(base: string): Client {
		const c = new Client(base);
		for (const [k, v] of this.cookies) c.cookies.set(k, v);
		return c;
	}

	async login(username: string, password = PASSWORD): Promise<ActionAnswer> {
		const a = await this.action('/login', { username, password });
		if (a.type !== 'redirect' || !this.cookies.has('fd_session'))
			throw new Error(`sign-in of ${username} failed: ${a.raw.slice(0, 300)}`);
		return a;
	}

	async identify(room: string, digits: string): Promise<ActionAnswer> {
		const a = await this.action('/kiosk/identify', { room, digits });
		if (a.type !== 'redirect' || !this.cookies.has('fd_session'))
			throw new Error(`kiosk identification of ${room} failed: ${a.raw.slice(0, 300)}`);
		return a;
	}
}

export function decodeAction(httpStatus: number, raw: string): ActionAnswer {
	let j: Record<string, unknown>;
	try {
		j = JSON.parse(raw);
	} catch {
		return { httpStatus, type: 'unknown', status: httpStatus, raw };
	}
	const type = (
		['success', 'failure', 'redirect', 'error'].includes(String(j.type)) ? j.type : 'unknown'
	) as ActionAnswer['type'];
	let data: Record<string, unknown> | null = null;
	if (typeof j.data === 'string') {
		try {
			data = devalueParse(j.data) as Record<string, unknown>;
		} catch {
			data = null;
		}
	}
	return {
		httpStatus,
		type,
		status: typeof j.status === 'number' ? j.status : httpStatus,
		location: typeof j.location === 'string' ? j.location : undefined,
		data,
		error:
			(j.error as { message?: string }) ??
			(type === 'unknown' ? (j as { message?: string }) : null),
		raw
	};
}

/** Runs `fn` over `items` with at most `n` at a time, results in order. */
export async function pool<T, R>(
	items: T[],
	n: number,
	fn: (item: T, i: number) => Promise<R>
): Promise<R[]> {
	const out: R[] = new Array(items.length);
	let next = 0;
	await Promise.all(
		Array.from({ length: Math.min(n, items.length) }, async () => {
			while (next < items.length) {
				const i = next++;
				out[i] = await fn(items[i], i);
			}
		})
	);
	return out;
}
