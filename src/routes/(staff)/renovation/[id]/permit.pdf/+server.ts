import { error } from '@sveltejs/kit';
import { renderRenovationPermit } from '$lib/server/pdf/renovation-permit';
import { pdfResponse } from '$lib/server/pdf/response';
import { detailFor } from '../../pdf';
import type { RequestHandler } from './$types';

export const GET: RequestHandler = async ({ locals, url, params }) => {
	const { d, community } = detailFor(locals, url, params.id);
	if (!d.renovation.permitNo) error(404, 'not_found');
	return pdfResponse(await renderRenovationPermit(d, community), {
		filename: `${d.renovation.permitNo}.pdf`
	});
};
