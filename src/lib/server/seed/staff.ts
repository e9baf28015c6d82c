import { and, eq } from 'drizzle-orm';
import type { Db } from '../db';
import { staffUsers } from '../db/schema';

/** The id of a seeded staff account of the community (clerk, clerk2, manager…), if it exists. */
export function seededStaffId(db: Db, communityId: number, username: string): number | undefined {
	return db
		.select({ id: staffUsers.id })
		.from(staffUsers)
		.where(and(eq(staffUsers.communityId, communityId), eq(staffUsers.username, username)))
		.get()?.id;
}
