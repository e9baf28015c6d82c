import { and, eq, ne } from 'drizzle-orm';
import { tx, type Db } from '../db';
import { auditBy } from '../audit';
import { nowMs } from '../clock';
import { directoryPeople, directoryPresence } from '../db/schema';
import { presenceProblem, type Presence } from '../../domain/directory';
import type { Actor } from '../auth/actor';
import { DirectoryError } from './errors';
import { directoryPersonOf } from './queries';

export interface PersonInput {
	name: string;
	workNo: string;
	position: string;
	department: string;
	extension: string;
	sort: number;
	active: boolean;
}

function checkWorkNo(db: Db, communityId: number, workNo: string, exceptId: number | null) {
	const clash = db
		.select({ id: directoryPeople.id })
		.from(directoryPeople)
		.where(
			and(
				eq(directoryPeople.communityId, communityId),
				eq(directoryPeople.workNo, workNo),
				exceptId === null ? undefined : ne(directoryPeople.id, exceptId)
			)
		)
		.get();
	if (clash) throw new DirectoryError('work_no_taken', { workNo });
}

/** Adds a person (id null) or edits one in place; the audit keeps what it was. Managers only (the route checks). */
export function savePerson(
	db: Db,
	actor: Actor,
	id: number | null,
	input: PersonInput,
	now = nowMs()
): number {
	return tx(db, () => {
		checkWorkNo(db, actor.communityId, input.workNo, id);
		let personId: number;
		let before: unknown = null;
		if (id === null) {
			personId = db
				.insert(directoryPeople)
				.values({ communityId: actor.communityId, ...input, createdAt: now, updatedAt: now })
				.returning({ id: directoryPeople.id })
				.get().id;
		} else {
			before = directoryPersonOf(db, actor.communityId, id);
			if (!before) throw new DirectoryError('not_found');
			db.update(directoryPeople)
				.set({ ...input, updatedAt: now })
				.where(eq(directoryPeople.id, id))
				.run();
			personId = id;
		}
		auditBy(
			db,
			actor,
			{
				action: id === null ? 'directory.create' : 'directory.update',
				targetType: 'directory_person',
				targetId: personId,
				detail: before ? { before, after: input } : { ...input }
			},
			now
		);
		return personId;
	});
}

/** Records where a person is (去向): a new event, never an edit. Any staff member may. */
export function setPresence(
	db: Db,
	actor: Actor,
	personId: number,
	change: { status: Presence; untilMs: number | null; note: string },
	now = nowMs()
): void {
	const problem = presenceProblem(change.status, change.untilMs, now);
	if (problem) throw new DirectoryError(problem);
	tx(db, () => {
		if (!directoryPersonOf(db, actor.communityId, personId)) throw new DirectoryError('not_found');
		db.insert(directoryPresence)
			.values({ personId, ...change, createdBy: actor.id, createdAt: now })
			.run();
		auditBy(
			db,
			actor,
			{
				action: 'directory.presence',
				targetType: 'directory_person',
				targetId: personId,
				detail: { ...change }
			},
			now
		);
	});
}
