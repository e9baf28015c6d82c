/**
 * The staff directory's 去向 (where a person is), pure. Seed 003 六.三(二)3 asks for the managers'
 * list with 姓名/工号/职位 on the wall; the hall wants to know who is in. Each change is an event;
 * the latest one says where the person is, and an absence with an end time ends by itself.
 */
export const PRESENCE = ['on_duty', 'out', 'leave'] as const;
export type Presence = (typeof PRESENCE)[number];

export interface PresenceEvent {
	status: Presence;
	/** Epoch ms the absence ends (out/leave); null = until changed. */
	untilMs: number | null;
	atMs: number;
}

/** Where the person is at `nowMs`: the latest event in force, back on duty once its end passed. */
export function presenceAt(
	events: readonly PresenceEvent[],
	nowMs: number
): { status: Presence; untilMs: number | null } {
	let latest: PresenceEvent | null = null;
	for (const e of events) if (e.atMs <= nowMs && (!latest || e.atMs >= latest.atMs)) latest = e;
	if (!latest || latest.status === 'on_duty') return { status: 'on_duty', untilMs: null };
	if (latest.untilMs !== null && latest.untilMs <= nowMs)
		return { status: 'on_duty', untilMs: null };
	return { status: latest.status, untilMs: latest.untilMs };
}

/** Why a 去向 change is refused, or null: an end time only for an absence, and in the future. */
export function presenceProblem(
	status: Presence,
	untilMs: number | null,
	nowMs: number
): 'until_on_duty' | 'until_past' | null {
	if (untilMs === null) return null;
	if (status === 'on_duty') return 'until_on_duty';
	if (untilMs <= nowMs) return 'until_past';
	return null;
}
