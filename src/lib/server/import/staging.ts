import { randomBytes } from 'node:crypto';
import { and, desc, eq, lt, notInArray } from 'drizzle-orm';
import { tx, type Db } from '../db';
import { importProgress, importStaged } from '../db/schema';
import type { ImportKind } from '../../domain/import';
import type { Encoding } from './read';

/**
 * Files between preview and confirm, for half an hour: the confirm reads the very bytes the admin
 * previewed (no second upload) and is refused if the plan changed meanwhile. They are kept in the
 * database, not in memory, so a confirm reaching another app instance (behind a load balancer)
 * than the preview did finds them, and a restart does not lose them.
 */
export interface Staged {
	communityId: number;
	actorId: number;
	bytes: Uint8Array;
	fileName: string;
	encoding: Encoding | null;
	kind: ImportKind;
	digest: string;
	expires: number;
}

export const STAGED_TTL_MS = 30 * 60_000;
/** Unconfirmed previews a community keeps (10 MB each at most): the oldest goes first. */
export const MAX_STAGED = 8;

export function stage(db: Db, s: Omit<Staged, 'expires'>, now: number): string {
	const token = randomBytes(18).toString('base64url');
	tx(db, () => {
		db.delete(importStaged).where(lt(importStaged.expiresAt, now)).run();
		db.insert(importStaged)
			.values({
				token,
				communityId: s.communityId,
				actorId: s.actorId,
				bytes: Buffer.from(s.bytes.buffer, s.bytes.byteOffset, s.bytes.byteLength),
				fileName: s.fileName,
				encoding: s.encoding,
				kind: s.kind,
				digest: s.digest,
				createdAt: now,
				expiresAt: now + STAGED_TTL_MS
			})
			.run();
		// Bounded when admins leave many previews unconfirmed: keep the community's newest few.
		const keep = db
			.select({ token: importStaged.token })
			.from(importStaged)
			.where(eq(importStaged.communityId, s.communityId))
			.orderBy(desc(importStaged.createdAt), desc(importStaged.token))
			.limit(MAX_STAGED);
		db.delete(importStaged)
			.where(and(eq(importStaged.communityId, s.communityId), notInArray(importStaged.token, keep)))
			.run();
	});
	return token;
}

/** The staged file of this admin and community, or null (expired, unknown or someone else's). */
export function findStaged(
	db: Db,
	token: string,
	communityId: number,
	actorId: number,
	now: number
): Staged | null {
	const r = db.select().from(importStaged).where(eq(importStaged.token, token)).get();
	if (!r || r.expiresAt < now || r.communityId !== communityId || r.actorId !== actorId)
		return null;
	return {
		communityId: r.communityId,
		actorId: r.actorId,
		bytes: new Uint8Array(r.bytes),
		fileName: r.fileName,
		encoding: r.encoding as Encoding | null,
		kind: r.kind as ImportKind,
		digest: r.digest,
		expires: r.expiresAt
	};
}

export function unstage(db: Db, token: string) {
	db.delete(importStaged).where(eq(importStaged.token, token)).run();
}

/** Progress of a preview being checked, by a job id the page chose, for the progress endpoint. */
export interface JobProgress {
	phase: 'reading' | 'checking' | 'done';
	done: number;
	total: number;
	at: number;
}

/** Checking progress written at most this often (a phase change is always written). */
export const PROGRESS_EVERY_MS = 250;
/** Nobody polls a job this old: its row goes when a new job starts. */
const PROGRESS_KEPT_MS = 60 * 60_000;

/**
 * The progress of one preview, written to the database so the page's polls may reach any app
 * instance. Throttled: a check reports every 2 000 rows, but waiting writers would slow it.
 * The throttle's clock lives in the writer (one request), not in the process.
 */
export function progressWriter(db: Db, job: string, actorId: number) {
	let last: JobProgress | null = null;
	return (p: Omit<JobProgress, 'at'>, now: number) => {
		if (last && last.phase === p.phase && now - last.at < PROGRESS_EVERY_MS) return;
		last = { ...p, at: now };
		const row = { job, actorId, ...last };
		tx(db, () => {
			if (p.phase === 'reading')
				db.delete(importProgress)
					.where(lt(importProgress.at, now - PROGRESS_KEPT_MS))
					.run();
			db.insert(importProgress)
				.values(row)
				.onConflictDoUpdate({
					target: importProgress.job,
					set: { phase: row.phase, done: row.done, total: row.total, at: row.at },
					// Another admin's job id is not theirs to move.
					setWhere: eq(importProgress.actorId, actorId)
				})
				.run();
		});
	};
}

/** The admin's job's progress, or null (unknown, or someone else's). */
export function getProgress(db: Db, job: string, actorId: number): JobProgress | null {
	const r = db
		.select({
			phase: importProgress.phase,
			done: importProgress.done,
			total: importProgress.total,
			at: importProgress.at
		})
		.from(importProgress)
		.where(and(eq(importProgress.job, job), eq(importProgress.actorId, actorId)))
		.get();
	return r ? { ...r, phase: r.phase as JobProgress['phase'] } : null;
}
