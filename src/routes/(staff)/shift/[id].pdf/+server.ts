import { error } from '@sveltejs/kit';
import { requireStaff } from '$lib/server/auth/guards';
import { roleAtLeast } from '$lib/server/auth/access';
import { getDb } from '$lib/server/db';
import { getCommunity } from '$lib/server/community';
import { nowMs } from '$lib/server/clock';
import { closedShift } from '$lib/server/shifts';
import { shiftHandoverPdf } from '$lib/server/pdf/shift-handover';
import { pdfResponse } from '$lib/server/pdf/response';

// GET /shift/{id}.pdf — the handover record (交班记录) of a closed shift: its cashier, the successor
// named on it (who signs it as 接班人), or a manager.
export const GET = async ({ locals, url, params }) => {
	const user = requireStaff(locals, 'clerk', url);
	const id = /^\d{1,12}$/.test(params.id) ? Number(params.id) : 0;
	const db = getDb();
	const shift = closedShift(db, user.communityId, id);
	if (!shift) error(404, 'not found');
	if (
		shift.cashierId !== user.id &&
		shift.successorId !== user.id &&
		!roleAtLeast(user.role, 'manager')
	)
		error(403, 'forbidden');
	const community = getCommunity(db, user.communityId);
	const pdf = await shiftHandoverPdf({
		communityName: community.name,
		centreName: community.centreName,
		timeZone: community.timeZone,
		shift,
		printedAt: nowMs()
	});
	return pdfResponse(pdf, { filename: `shift-${shift.id}.pdf` });
};
