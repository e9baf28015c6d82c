import { and, asc, desc, eq, inArray } from 'drizzle-orm';
import type { Db } from '../db';
import { directoryPeople, directoryPresence, staffUsers } from '../db/schema';
import { presenceAt, type Presence } from '../../domain/directory';

export interface DirectoryPerson {
	id: number;
	name: string;
	workNo: string;
	position: string;
	department: string;
	extension: string;
	sort: number;
	active: boolean;
	presence: Presence;
	/** Epoch ms the absence ends, or null. */
	untilMs: number | null;
	/** The latest change: its note, who made it and when (null: never changed). */
	note: string;
	changedBy: string | null;
	changedAt: number | null;
}

const COLS = {
	id: directoryPeople.id,
	name: directoryPeople.name,
	workNo: directoryPeople.workNo,
	position: directoryPeople.position,
	department: directoryPeople.department,
	extension: directoryPeople.extension,
	sort: directoryPeople.sort,
	active: directoryPeople.active
};

/** A 去向 change as the wall and the history show it: what, until when, the note, when and by whom. */
const PRESENCE_CHANGE = {
	status: directoryPresence.status,
	untilMs: directoryPresence.untilMs,
	note: directoryPresence.note,
	atMs: directoryPresence.createdAt,
	by: staffUsers.displayName
};

/** The directory in wall order (sort, then work number), each with where they are at `nowMs`. */
export function listDirectory(
	db: Db,
	communityId: number,
	nowMs: number,
	opts: { activeOnly?: boolean } = {}
): DirectoryPerson[] {
	const people = db
		.select(COLS)
		.from(directoryPeople)
		.where(
			and(
				eq(directoryPeople.communityId, communityId),
				opts.activeOnly ? eq(directoryPeople.active, true) : undefined
			)
		)
		.orderBy(asc(directoryPeople.sort), asc(directoryPeople.workNo))
		.all();
	if (people.length === 0) return [];
	const events = db
		.select({ personId: directoryPresence.personId, ...PRESENCE_CHANGE })
		.from(directoryPresence)
		.leftJoin(staffUsers, eq(staffUsers.id, directoryPresence.createdBy))
		.where(
			inArray(
				directoryPresence.personId,
				people.map((p) => p.id)
			)
		)
		.orderBy(asc(directoryPresence.createdAt), asc(directoryPresence.id))
		.all();
	const byPerson = new Map<number, typeof events>();
	for (const e of events) byPerson.set(e.personId, [...(byPerson.get(e.personId) ?? []), e]);
	return people.map((p) => {
		const mine = (byPerson.get(p.id) ?? []).filter((e) => e.atMs <= nowMs);
		const last = mine.at(-1);
		const at = presenceAt(mine, nowMs);
		return {
			...p,
			presence: at.status,
			untilMs: at.untilMs,
			note: at.status === 'on_duty' ? '' : (last?.note ?? ''),
			changedBy: last?.by ?? null,
			changedAt: last?.atMs ?? null
		};
	});
}

export function directoryPersonOf(db: Db, communityId: number, id: number) {
	return (
		db
			.select(COLS)
			.from(directoryPeople)
			.where(and(eq(directoryPeople.id, id), eq(directoryPeople.communityId, communityId)))
			.get() ?? null
	);
}

/** The 去向 changes of one person, newest first (who and when on every step). */
export function presenceHistory(db: Db, personId: number, limit = 20) {
	return db
		.select({ id: directoryPresence.id, ...PRESENCE_CHANGE })
		.from(directoryPresence)
		.leftJoin(staffUsers, eq(staffUsers.id, directoryPresence.createdBy))
		.where(eq(directoryPresence.personId, personId))
		.orderBy(desc(directoryPresence.createdAt), desc(directoryPresence.id))
		.limit(limit)
		.all();
}
