import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ROOT } from './env';

/** Every message of a locale (all areas), so tests can look for the exact words users see. */
export function messages(locale: 'zh-CN' | 'en' = 'zh-CN'): Record<string, string> {
	const dir = join(ROOT, 'messages');
	const out: Record<string, string> = {};
	for (const area of readdirSync(dir)) {
		try {
			const m = JSON.parse(readFileSync(join(dir, area, `${locale}.json`), 'utf8')) as Record<
				string,
				unknown
			>;
			for (const [k, v] of Object.entries(m))
				if (typeof v === 'string' && k !== '$schema') out[k] = v;
		} catch {
			/* an area without this locale */
		}
	}
	return out;
}
