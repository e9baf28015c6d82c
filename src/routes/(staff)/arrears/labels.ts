import { m } from '$lib/paraglide/messages.js';
import type { AgeBucket, ReminderKind, ReminderOutcome } from '$lib/domain/arrears';

/* The arrears area's words for its codes (ageing buckets, reminder kinds and outcomes, owner types). */

const BUCKETS: Record<AgeBucket, () => string> = {
	d0_30: m.arrears_bucket_d0_30,
	d31_90: m.arrears_bucket_d31_90,
	d91_180: m.arrears_bucket_d91_180,
	d181_365: m.arrears_bucket_d181_365,
	over_365: m.arrears_bucket_over_365
};
export const bucketLabel = (b: AgeBucket) => BUCKETS[b]();

const KINDS: Record<ReminderKind, () => string> = {
	notice: m.arrears_kind_notice,
	call: m.arrears_kind_call,
	visit: m.arrears_kind_visit
};
export const kindLabel = (k: ReminderKind) => KINDS[k]();

const OUTCOMES: Record<ReminderOutcome, () => string> = {
	sent: m.arrears_outcome_sent,
	promised: m.arrears_outcome_promised,
	refused: m.arrears_outcome_refused,
	no_answer: m.arrears_outcome_no_answer,
	disputed: m.arrears_outcome_disputed,
	other: m.arrears_outcome_other
};
export const outcomeLabel = (o: ReminderOutcome) => OUTCOMES[o]();

export const reminderLabel = (r: { kind: ReminderKind; outcome: ReminderOutcome; date: string }) =>
	`${r.date} ${kindLabel(r.kind)} · ${outcomeLabel(r.outcome)}`;

// The move-in area's words for owner types (one vocabulary).
const OWNER_TYPES = {
	individual: m.movein_owner_type_individual,
	foreign: m.movein_owner_type_foreign,
	hk_mo_tw: m.movein_owner_type_hk_mo_tw,
	company: m.movein_owner_type_company,
	minor: m.movein_owner_type_minor
} as const;
export const OWNER_TYPE_CODES = Object.keys(OWNER_TYPES) as (keyof typeof OWNER_TYPES)[];
export const ownerTypeLabel = (t: string) =>
	(OWNER_TYPES as Record<string, () => string>)[t]?.() ?? t;
