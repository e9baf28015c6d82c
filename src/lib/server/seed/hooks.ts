import type { Db } from '../db';
import { seedKeys } from '../keys/seed';
import { seedFees } from '../fees/seed';
import { seedChargeData } from '../charges/seed';
import { seedTickets } from '../tickets/seed';
import { seedRenovations } from '../renovation/seed';
// The waiver module also plugs the pending-waiver flag into the fee accounts when imported.
import { seedWaivers } from '../waivers';
import { seedRecords } from '../records/seed';
import { seedDirectory } from '../directory/seed';
import { seedParcels } from '../parcels/seed';
import { seedVisitors } from '../visitors/seed';
import { seedAppointments } from '../appointments/seed';
import { seedItems } from '../items/seed';

export type SeedHook = (db: Db, ctx: { communityId: number; today: Date }) => void | Promise<void>;

/**
 * Each capability that has demo data registers a hook here (bills, payments, tickets, keys…).
 * The cashiers' shifts are laid around their cash afterwards (seedWithShifts).
 */
export const seedHooks: SeedHook[] = [
	seedFees,
	seedChargeData, // after seedFees: one-off items and the price list bill nothing
	seedKeys,
	seedTickets,
	seedRenovations,
	seedWaivers, // after seedFees: files requests on its owing units
	seedDirectory,
	seedParcels,
	seedVisitors,
	seedAppointments,
	seedItems,
	seedRecords // last: a past transfer must not change whom the other seeds take for the owner
];
