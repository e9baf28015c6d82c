/**
 * The front-desk registers' open entries handed over at shift change (issue 21): parcels waiting,
 * visitors inside, items kept, appointments coming. Each register adds one reader to `READERS`;
 * the handover stores what they return as it stood, so a printed handover never changes.
 * No $lib imports (the daily report runs under plain node in the bench).
 */
import type { Db } from '../db';
import type { RegisterCode } from '../../domain/desk-registers';
import { parcelMatters } from '../parcels/queries';
import { visitorMatters } from '../visitors/queries';
import { itemMatters } from '../items/matters';
import { appointmentMatters } from '../appointments/matters';

export interface RegisterMatter {
	register: RegisterCode;
	/** The entry's number or tag as staff find it (e.g. a parcel's shelf slot, a visitor slip no.). */
	ref: string;
	unitCode: string | null;
	/** One line of what it is, in the words entered (names, courier, item). */
	summary: string;
	/** When it falls due (or null when it has no time). */
	dueAt: number | null;
	overdue: boolean;
	/** The page that opens it, e.g. /parcels?view=open. */
	href: string;
}

type Reader = (db: Db, communityId: number, now: number) => RegisterMatter[];

/** One line per register, in the order the handover lists them. */
const READERS: Reader[] = [parcelMatters, visitorMatters, itemMatters, appointmentMatters];

/** At most this many per register: a handover is a list to read, not a report. */
const PER_REGISTER = 50;

export function registerMatters(db: Db, communityId: number, now: number): RegisterMatter[] {
	return READERS.flatMap((read) => read(db, communityId, now).slice(0, PER_REGISTER));
}
