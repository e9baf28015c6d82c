// A resident's own history on the kiosk or phone (issue 20): the unit file's records, read by the
// same function the counter's unit file uses, receipts limited to the last 24 months.
import type { Db } from '../db';
import { unitRecords, type UnitRecords } from './records';
import { historySince } from '../../domain/resident-history';

export interface ResidentHistory extends UnitRecords {
	since: string;
}

export function residentHistory(
	db: Db,
	unitId: number,
	opts: { asOf: string; timeZone: string; now: number }
): ResidentHistory {
	const since = historySince(opts.asOf);
	const records = unitRecords(db, unitId, opts);
	return { ...records, since, receipts: records.receipts.filter((r) => r.localDate >= since) };
}
