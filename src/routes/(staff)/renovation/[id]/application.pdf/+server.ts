import { renderRenovationApplication } from '$lib/server/pdf/renovation-application';
import { detailFor, pdfResponse } from '../../pdf';

export const GET = async ({ locals, url, params }) => {
	const { d, community } = detailFor(locals, url, params.id);
	return pdfResponse(await renderRenovationApplication(d, community), `${d.renovation.appNo}.pdf`);
};
