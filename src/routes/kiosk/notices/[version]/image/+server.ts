import { error } from '@sveltejs/kit';
import { getDb } from '$lib/server/db';
import { nowMs } from '$lib/server/clock';
import { parseForm } from '$lib/server/forms';
import { publicNoticeImage } from '$lib/server/notices';
import { idSchema } from '$lib/server/notices/forms';
import { photoResponse } from '$lib/server/uploads/photos';
import { kioskCommunityId } from '../../../community';
import type { RequestHandler } from './$types';

/** A notice's picture, public while the notice shows (kiosk, phones, hall display). */
export const GET = ((event) => {
	const { params } = event;
	const p = parseForm(idSchema, { id: params.version });
	if (!p.ok) error(404, 'not_found');
	const img = publicNoticeImage(getDb(), kioskCommunityId(event), p.data.id, nowMs());
	if (!img) error(404, 'not_found');
	return photoResponse(img);
}) satisfies RequestHandler;
