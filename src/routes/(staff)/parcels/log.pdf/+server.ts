import { requireStaff } from '$lib/server/auth/guards';
import { listParcels } from '$lib/server/parcels';
import { parcelLogPdf } from '$lib/server/pdf/parcel-log';
import { pdfResponse } from '$lib/server/pdf/response';
import { refusedText } from '$lib/server/download';
import { parcelsContext } from '../context';
import { registerLogHead } from '$lib/server/pdf/register-log';
import type { RequestHandler } from './$types';

// GET /parcels/log.pdf?from=&to=&unit= — the A4 log of what was taken in on those days (every state).
export const GET: RequestHandler = async ({ locals, url }) => {
	const user = requireStaff(locals, 'clerk', url);
	const { db, community, now, query } = parcelsContext(user.communityId, url);
	if (!query.ok) return refusedText(query.message);
	// The log is of the period whatever the list's view: every parcel taken in on those days.
	const taken = listParcels(
		db,
		user.communityId,
		{ view: 'all', unitId: query.filter.unitId, fromMs: query.fromMs, toMs: query.toMs },
		now,
		5000
	);
	const pdf = await parcelLogPdf({
		...registerLogHead(community, query, now, user),
		parcels: taken.reverse()
	});
	return pdfResponse(pdf, { filename: `parcels-${query.from}-${query.to}.pdf` });
};
