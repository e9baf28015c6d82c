import { sql } from 'drizzle-orm';
import { getDb } from './index';

/** Whether the database answers a trivial query (for `/healthz`: load balancers and monitors). */
export function databaseAnswers(): boolean {
	try {
		return getDb().get<{ ok: number }>(sql`SELECT 1 AS ok`).ok === 1;
	} catch {
		return false;
	}
}
