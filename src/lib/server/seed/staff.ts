import { and, eq } from 'drizzle-orm';
import type { Db } from '../db';
import { staffUsers, type StaffRole } from '../db/schema';

/** The id of a seeded staff account of the community (clerk, clerk2, manager…), if it exists. */
export function seededStaffId(db: Db, communityId: number, username: string): number | undefined {
	return db
		.select({ id: staffUsers.id })
		.from(staffUsers)
		.where(and(eq(staffUsers.communityId, communityId), eq(staffUsers.username, username)))
		.get()?.id;
}

export interface SeedAccount {
	username: string;
	displayName: string;
	workNo: string;
	role: StaffRole;
	companyAdmin?: boolean;
}

/**
 * Creates a demo account in `communityId`, or (when DEMO_PASSWORD is set) resets an existing one's
 * password. Returns whether it was created.
 */
export function upsertSeedAccount(
	db: Db,
	s: SeedAccount,
	communityId: number,
	opts: { hash: string; mustChangePassword?: boolean; now: number }
): boolean {
	const existing = db.select().from(staffUsers).where(eq(staffUsers.username, s.username)).get();
	if (!existing) {
		db.insert(staffUsers)
			.values({
				...s,
				companyAdmin: s.companyAdmin ?? false,
				communityId,
				passwordHash: opts.hash,
				active: true,
				mustChangePassword: opts.mustChangePassword ?? false,
				createdAt: opts.now
			})
			.run();
		return true;
	}
	if (process.env.DEMO_PASSWORD)
		db.update(staffUsers)
			.set({
				passwordHash: opts.hash,
				active: true,
				mustChangePassword: opts.mustChangePassword ?? false
			})
			.where(eq(staffUsers.id, existing.id))
			.run();
	return false;
}
