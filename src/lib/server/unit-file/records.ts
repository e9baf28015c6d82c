// The records of a unit that the counter's unit file and the resident's own history both show.
import type { Db } from '../db';
import { fileDeposits, fileReceipts, fileWaivers } from './money';
import { fileKeyLoans, fileMoveIns, fileRenovations, fileTickets } from './activity';

export interface UnitRecords {
	receipts: ReturnType<typeof fileReceipts>;
	waivers: ReturnType<typeof fileWaivers>;
	deposits: ReturnType<typeof fileDeposits>;
	renovations: ReturnType<typeof fileRenovations>;
	moveIns: ReturnType<typeof fileMoveIns>;
	keyLoans: ReturnType<typeof fileKeyLoans>;
	tickets: ReturnType<typeof fileTickets>;
}

export function unitRecords(
	db: Db,
	unitId: number,
	opts: { timeZone: string; now: number }
): UnitRecords {
	return {
		receipts: fileReceipts(db, unitId, opts.timeZone),
		waivers: fileWaivers(db, unitId),
		deposits: fileDeposits(db, unitId),
		renovations: fileRenovations(db, unitId),
		moveIns: fileMoveIns(db, unitId, opts.timeZone),
		keyLoans: fileKeyLoans(db, unitId, opts.timeZone, opts.now),
		tickets: fileTickets(db, unitId, opts.timeZone)
	};
}
