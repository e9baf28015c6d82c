import { createHash, randomBytes } from 'node:crypto';
import { mkdirSync, readFileSync, unlinkSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { MAX_PHOTOS, PHOTO_EXT, PHOTO_MAX_BYTES, sniffImage } from '../../domain/tickets';
import type { FieldError } from './errors';

/** A file as it came in (from a multipart form or the kiosk). */
export interface PhotoUpload {
	name: string;
	bytes: Uint8Array;
}

export interface CheckedPhoto {
	bytes: Uint8Array;
	mime: 'image/jpeg' | 'image/png' | 'image/webp';
	size: number;
	sha256: string;
}

/** Where uploads live: `UPLOADS_DIR`, default data/uploads (beside the database). */
export function uploadsRoot(): string {
	return resolve(process.env.UPLOADS_DIR ?? 'data/uploads');
}

export function ticketPhotoDir(root = uploadsRoot()): string {
	return join(root, 'tickets');
}

/** The files of a multipart form field (the empty part a browser sends for "no file" is dropped). */
export async function photosFromForm(form: FormData, field = 'photos'): Promise<PhotoUpload[]> {
	const out: PhotoUpload[] = [];
	for (const v of form.getAll(field)) {
		if (typeof v === 'string' || v.size === 0) continue;
		out.push({ name: v.name || 'photo', bytes: new Uint8Array(await v.arrayBuffer()) });
	}
	return out;
}

/** Count, size (≤ 5 MB) and type (JPEG/PNG/WebP by magic bytes) of each photo. */
export function checkPhotos(photos: readonly PhotoUpload[]): { ok: true; photos: CheckedPhoto[] } | { ok: false; error: FieldError } {
	const real = photos.filter((p) => p.bytes.length > 0);
	if (real.length > MAX_PHOTOS) return { ok: false, error: { code: 'photo_count', max: MAX_PHOTOS } };
	const out: CheckedPhoto[] = [];
	for (const p of real) {
		const name = p.name.slice(0, 80);
		if (p.bytes.length > PHOTO_MAX_BYTES) return { ok: false, error: { code: 'photo_size', name, maxMb: PHOTO_MAX_BYTES / 1024 / 1024 } };
		const mime = sniffImage(p.bytes);
		if (!mime) return { ok: false, error: { code: 'photo_type', name } };
		out.push({ bytes: p.bytes, mime, size: p.bytes.length, sha256: createHash('sha256').update(p.bytes).digest('hex') });
	}
	return { ok: true, photos: out };
}

/** Writes checked photos under random names; returns the names (the caller records them). */
export function writePhotos(photos: readonly CheckedPhoto[], dir = ticketPhotoDir()): string[] {
	if (photos.length === 0) return [];
	mkdirSync(dir, { recursive: true });
	const names: string[] = [];
	try {
		for (const p of photos) {
			const name = `${randomBytes(16).toString('hex')}.${PHOTO_EXT[p.mime]}`;
			writeFileSync(join(dir, name), p.bytes, { flag: 'wx', mode: 0o640 });
			names.push(name);
		}
	} catch (e) {
		discardPhotos(names, dir);
		throw e;
	}
	return names;
}

/** Removes files written for a ticket that was then not recorded (no row points at them). */
export function discardPhotos(names: readonly string[], dir = ticketPhotoDir()) {
	for (const n of names) {
		try {
			unlinkSync(join(dir, n));
		} catch {
			/* already gone */
		}
	}
}

const SAFE_NAME = /^[0-9a-f]{32}\.(jpg|png|webp)$/;

export function readPhotoFile(fileName: string, dir = ticketPhotoDir()): Buffer | null {
	if (!SAFE_NAME.test(fileName)) return null;
	try {
		return readFileSync(join(dir, fileName));
	} catch {
		return null;
	}
}
