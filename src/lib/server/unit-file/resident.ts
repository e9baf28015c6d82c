// A resident's own history on the kiosk or phone (issue 20): the unit file's sections, read by the
// same functions the counter's unit file uses, receipts limited to the last 24 months.
import type { Db } from '../db';
import { fileDeposits, fileReceipts, fileWaivers } from './money';
import { fileKeyLoans, fileMoveIns, fileRenovations, fileTickets } from './activity';
import { historySince } from '../../domain/resident-history';

export interface ResidentHistory {
	since: string;
	receipts: ReturnType<typeof fileReceipts>;
	waivers: ReturnType<typeof fileWaivers>;
	deposits: ReturnType<typeof fileDeposits>;
	renovations: ReturnType<typeof fileRenovations>;
	moveIns: ReturnType<typeof fileMoveIns>;
	keyLoans: ReturnType<typeof fileKeyLoans>;
	tickets: ReturnType<typeof fileTickets>;
}

export function residentHistory(
	db: Db,
	unitId: number,
	opts: { asOf: string; timeZone: string; now: number }
): ResidentHistory {
	const since = historySince(opts.asOf);
	return {
		since,
		receipts: fileReceipts(db, unitId, opts.timeZone).filter((r) => r.localDate >= since),
		waivers: fileWaivers(db, unitId),
		deposits: fileDeposits(db, unitId),
		renovations: fileRenovations(db, unitId),
		moveIns: fileMoveIns(db, unitId, opts.timeZone),
		keyLoans: fileKeyLoans(db, unitId, opts.timeZone, opts.now),
		tickets: fileTickets(db, unitId, opts.timeZone)
	};
}
