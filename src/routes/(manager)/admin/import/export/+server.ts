import { error } from '@sveltejs/kit';
import { m } from '$lib/paraglide/messages.js';
import { requireStaff } from '$lib/server/auth/guards';
import { getDb } from '$lib/server/db';
import { communityToday, getCommunity } from '$lib/server/community';
import { audit } from '$lib/server/audit';
import { nowMs } from '$lib/server/clock';
import { parseForm } from '$lib/server/forms';
import { TEMPLATES } from '$lib/domain/import';
import { CONTENT_TYPES, downloadSchema, exportRegister } from '$lib/server/import';
import type { RequestHandler } from './$types';

/** A register in its template's shape. It holds personal data (phones, ID numbers): audited. */
export const GET = (async ({ locals, url }) => {
	const user = requireStaff(locals, 'admin', url);
	const parsed = parseForm(downloadSchema, Object.fromEntries(url.searchParams));
	if (!parsed.ok) error(400, m.import_err_bad_query());
	const { kind, format } = parsed.data;
	const db = getDb();
	const body = await exportRegister(db, user.communityId, kind, format);
	audit(
		db,
		{
			communityId: user.communityId,
			actorId: user.id,
			action: 'import.export',
			targetType: 'register',
			targetId: kind,
			detail: { format }
		},
		nowMs()
	);
	const day = communityToday(getCommunity(db, user.communityId));
	const name = `${TEMPLATES[kind].nameZh}-${day}.${format}`;
	return new Response(body as BodyInit, {
		headers: {
			'content-type': CONTENT_TYPES[format],
			'content-disposition': `attachment; filename="${TEMPLATES[kind].fileBase}-${day}.${format}"; filename*=UTF-8''${encodeURIComponent(name)}`
		}
	});
}) satisfies RequestHandler;
