import { error } from '@sveltejs/kit';
import { renderRenovationPasses } from '$lib/server/pdf/renovation-pass';
import { pdfResponse } from '$lib/server/pdf/response';
import { detailFor } from '../../pdf';
import type { RequestHandler } from './$types';

/** All outstanding passes of the application, or one pass (`?pass=<id>`, any status). */
export const GET: RequestHandler = async ({ locals, url, params }) => {
	const { d, community } = detailFor(locals, url, params.id);
	const one = url.searchParams.get('pass');
	const passes = one
		? d.passes.filter((p) => String(p.id) === one)
		: d.passes.filter((p) => p.status === 'live' || p.status === 'expired');
	if (!passes.length) error(404, 'not_found');
	const name = passes.length === 1 ? passes[0].passNo : `${d.renovation.appNo}-passes`;
	return pdfResponse(await renderRenovationPasses(d, passes, community), {
		filename: `${name}.pdf`
	});
};
