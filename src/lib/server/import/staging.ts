import { randomBytes } from 'node:crypto';
import type { ImportKind } from '../../domain/import';
import type { Encoding } from './read';

/**
 * Files between preview and confirm, in memory for half an hour: the confirm reads the very
 * bytes the admin previewed (no second upload) and is refused if the plan changed meanwhile.
 * A restart forgets them; the admin previews again.
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

const TTL_MS = 30 * 60_000;
const MAX_STAGED = 8;
const staged = new Map<string, Staged>();

export function stage(s: Omit<Staged, 'expires'>, now: number): string {
	for (const [k, v] of staged) if (v.expires < now) staged.delete(k);
	// The oldest goes first when admins leave many previews unconfirmed (memory stays bounded).
	while (staged.size >= MAX_STAGED) staged.delete(staged.keys().next().value as string);
	const token = randomBytes(18).toString('base64url');
	staged.set(token, { ...s, expires: now + TTL_MS });
	return token;
}

/** The staged file of this admin and community, or null (expired, unknown or someone else's). */
export function findStaged(
	token: string,
	communityId: number,
	actorId: number,
	now: number
): Staged | null {
	const s = staged.get(token);
	if (!s || s.expires < now || s.communityId !== communityId || s.actorId !== actorId) return null;
	return s;
}

export function unstage(token: string) {
	staged.delete(token);
}

/** Progress of a preview being checked, by a job id the page chose, for the progress endpoint. */
export interface JobProgress {
	phase: 'reading' | 'checking' | 'done';
	done: number;
	total: number;
	at: number;
}
const jobs = new Map<string, JobProgress>();
const MAX_JOBS = 100;

export function setProgress(job: string, p: Omit<JobProgress, 'at'>, now: number) {
	if (!jobs.has(job) && jobs.size >= MAX_JOBS) jobs.delete(jobs.keys().next().value as string);
	jobs.set(job, { ...p, at: now });
}

export function getProgress(job: string): JobProgress | null {
	return jobs.get(job) ?? null;
}
