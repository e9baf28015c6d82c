import { eq, sql } from 'drizzle-orm';
import type { SQLiteColumn, SQLiteTable } from 'drizzle-orm/sqlite-core';
import type { Db } from '../db';

/** Whether the community has any row in `table` yet: a demo seed runs once, into an empty register. */
export function seededAlready(
	db: Db,
	table: SQLiteTable & { communityId: SQLiteColumn },
	communityId: number
): boolean {
	return !!db
		.select({ one: sql`1` })
		.from(table)
		.where(eq(table.communityId, communityId))
		.limit(1)
		.get();
}
