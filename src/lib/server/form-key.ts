import { and, eq, type SQL } from 'drizzle-orm';
import type { SQLiteColumn } from 'drizzle-orm/sqlite-core';

/**
 * The rows one form wrote in a community. Every form carries a one-time key, so a second submit
 * of the same form finds its first write here and does not write again.
 */
export function sameForm(
	t: { communityId: SQLiteColumn; formKey: SQLiteColumn },
	communityId: number,
	formKey: string
): SQL {
	return and(eq(t.communityId, communityId), eq(t.formKey, formKey)) as SQL;
}
