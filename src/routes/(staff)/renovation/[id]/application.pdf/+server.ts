import { renderRenovationApplication } from '$lib/server/pdf/renovation-application';
import { pdfResponse } from '$lib/server/pdf/response';
import { detailFor } from '../../pdf';
import type { RequestHandler } from './$types';

export const GET: RequestHandler = async ({ locals, url, params }) => {
	const { d, community } = detailFor(locals, url, params.id);
	return pdfResponse(await renderRenovationApplication(d, community), {
		filename: `${d.renovation.appNo}.pdf`
	});
};
