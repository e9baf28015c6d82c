// How a dated tie, holding or vehicle reads in the records and the unit file. A missing start
// means "since before records began", a missing end "still in force" (domain/records.ts): say
// so in words, never a bare dash.
import { m } from '$lib/paraglide/messages.js';

export const periodStart = (date: string | null): string => date ?? m.records_since_unknown();
export const periodEnd = (date: string | null): string => date ?? m.records_to_date();
export const period = (start: string | null, end: string | null): string =>
	`${periodStart(start)} ～ ${periodEnd(end)}`;
