import { execFileSync } from 'node:child_process';
import { readdirSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import { buildDir, ROOT } from './env';

export interface RouteInfo {
	/** SvelteKit route id, e.g. `/(staff)/fees/[unitCode]`. */
	id: string;
	params: string[];
	/** A page: whether it has a server load, and its form actions (by name). */
	page: { load: boolean; actions: string[] } | null;
	/** A `+server.ts`: its HTTP methods. */
	endpoint: string[] | null;
}

/*
 * What the built server really serves: read from its manifest (routes, the actions object of each
 * +page.server.ts, the methods of each +server.ts), in a child process so nothing of the app loads
 * into the test process. Works for the rolldown build (hashed chunk names) and the classic one.
 */
const DISCOVER = `
import { readdirSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
const build = process.argv[1];
const classic = join(build, 'server', 'manifest.js');
let file = classic;
if (!existsSync(classic)) {
	const dir = join(build, 'server', 'chunks');
	file = join(dir, readdirSync(dir).find((f) => /^manifest\\.js-.*\\.js$/.test(f)));
}
const mod = await import(pathToFileURL(file).href);
const manifest = Object.values(mod).find((v) => v && v._ && v._.routes);
const out = [];
for (const r of manifest._.routes) {
	const e = { id: r.id, params: r.params.map((p) => p.name), page: null, endpoint: null };
	if (r.page) {
		const leaf = await manifest._.nodes[r.page.leaf]();
		e.page = { load: !!leaf.server?.load, actions: Object.keys(leaf.server?.actions ?? {}) };
	}
	if (r.endpoint) e.endpoint = Object.keys(await r.endpoint()).filter((k) => /^[A-Z]+$/.test(k));
	out.push(e);
}
process.stdout.write(JSON.stringify(out));
process.exit(0);
`;

export function builtRoutes(dbFileForImports: string): RouteInfo[] {
	const out = execFileSync(process.execPath, ['--input-type=module', '-e', DISCOVER, buildDir()], {
		cwd: ROOT,
		encoding: 'utf8',
		env: { ...process.env, DATABASE_URL: dbFileForImports, NODE_ENV: 'production' },
		maxBuffer: 16 * 1024 * 1024
	});
	return JSON.parse(out) as RouteInfo[];
}

/** Route ids from the source tree: every folder of src/routes with a page or a +server file. */
export function sourceRouteIds(): string[] {
	const base = join(ROOT, 'src', 'routes');
	const ids: string[] = [];
	const walk = (dir: string) => {
		const entries = readdirSync(dir, { withFileTypes: true });
		if (
			entries.some(
				(e) => e.isFile() && /^\+(page(\.server)?\.(ts|js|svelte)|server\.(ts|js))$/.test(e.name)
			)
		) {
			const rel = relative(base, dir).split(sep).join('/');
			ids.push('/' + rel);
		}
		for (const e of entries) if (e.isDirectory()) walk(join(dir, e.name));
	};
	walk(base);
	return ids.map((id) => (id === '/' ? '/' : id.replace(/\/$/, ''))).sort();
}

/** The concrete path of a route id with its params filled in (groups dropped). */
export function pathOf(id: string, params: Record<string, string>): string {
	const p = id
		.split('/')
		.filter((seg) => !/^\(.*\)$/.test(seg))
		.join('/')
		.replace(/\[(\w+)\]/g, (_m, name: string) => {
			if (!(name in params)) throw new Error(`no value for [${name}] in ${id}`);
			return encodeURIComponent(params[name]);
		});
	return p === '' ? '/' : p;
}
