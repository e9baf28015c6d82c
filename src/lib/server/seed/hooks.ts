import type { Db } from '../db';

export type SeedHook = (db: Db, ctx: { communityId: number; today: Date }) => void | Promise<void>;

/** Each capability that has demo data registers a hook here (bills, payments, tickets, keys…). */
export const seedHooks: SeedHook[] = [];
