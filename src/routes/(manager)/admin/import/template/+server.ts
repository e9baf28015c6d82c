import { error } from '@sveltejs/kit';
import { m } from '$lib/paraglide/messages.js';
import { requireStaff } from '$lib/server/auth/guards';
import { parseForm } from '$lib/server/forms';
import { TEMPLATES } from '$lib/domain/import';
import { CONTENT_TYPES, downloadSchema, templateRows, writeSheet } from '$lib/server/import';
import type { RequestHandler } from './$types';

/** An empty template: Chinese headers and one example row. */
export const GET = (async ({ locals, url }) => {
	requireStaff(locals, 'admin', url);
	const parsed = parseForm(downloadSchema, Object.fromEntries(url.searchParams));
	if (!parsed.ok) error(400, m.import_err_bad_query());
	const { kind, format } = parsed.data;
	const body = await writeSheet(kind, templateRows(kind), format);
	const name = `${TEMPLATES[kind].nameZh}模板.${format}`;
	return new Response(body as BodyInit, {
		headers: {
			'content-type': CONTENT_TYPES[format],
			'content-disposition': `attachment; filename="template-${TEMPLATES[kind].fileBase}.${format}"; filename*=UTF-8''${encodeURIComponent(name)}`
		}
	});
}) satisfies RequestHandler;
