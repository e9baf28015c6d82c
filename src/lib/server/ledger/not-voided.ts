import { eq, notExists, sql, type SQL } from 'drizzle-orm';
import type { SQLiteColumn } from 'drizzle-orm/sqlite-core';
import type { Db } from '../db';
import { paymentVoids } from '../db/schema';

/**
 * The SQL condition "the payment `paymentId` names was not voided": a voided payment never counts.
 * A module of its own that imports no area, so fees and waivers use it without a cycle.
 */
export function notVoided(db: Db, paymentId: SQLiteColumn): SQL {
	return notExists(
		db
			.select({ one: sql`1` })
			.from(paymentVoids)
			.where(eq(paymentVoids.paymentId, paymentId))
	);
}
