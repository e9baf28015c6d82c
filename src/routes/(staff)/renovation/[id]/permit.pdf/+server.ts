import { error } from '@sveltejs/kit';
import { renderRenovationPermit } from '$lib/server/pdf/renovation-permit';
import { detailFor, pdfResponse } from '../../pdf';

export const GET = async ({ locals, url, params }) => {
	const { d, community } = detailFor(locals, url, params.id);
	if (!d.renovation.permitNo) error(404, 'not_found');
	return pdfResponse(await renderRenovationPermit(d, community), `${d.renovation.permitNo}.pdf`);
};
