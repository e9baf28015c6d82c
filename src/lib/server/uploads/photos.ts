import { isPgUrl } from '../db/pg-client';
import { createHash, randomBytes } from 'node:crypto';
import { mkdirSync, readFileSync, unlinkSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import type Sharp from 'sharp';
import { databaseFile } from '../db';
import {
	PHOTO_EXT,
	PHOTO_MAX_BYTES,
	PHOTO_MAX_PIXELS,
	sniffImage,
	type PhotoMime
} from '../../domain/photos';

/*
 * Photos staff and residents attach (report photos, renovation deductions), one implementation
 * for all: read from the form, decoded as an image within a pixel limit and re-encoded, so only
 * real image bytes are stored (no metadata such as GPS positions, nothing appended after the
 * image, nothing that merely starts like an image); checked by size and magic bytes, written
 * under random names in the area's folder, read back only by a name of that shape. The caller
 * records the names in its transaction and discards the files when the transaction fails.
 */

/** A file as it came in (from a multipart form or the kiosk). */
export interface PhotoUpload {
	name: string;
	bytes: Uint8Array;
	/** Set by `photosFromForm`: the bytes are the decoded and re-encoded image. */
	cleaned?: true;
	/** Set by `photosFromForm`: why the file did not decode as an acceptable image. */
	refused?: 'photo_type' | 'photo_pixels';
}

export interface CheckedPhoto {
	bytes: Uint8Array;
	mime: PhotoMime;
	size: number;
	sha256: string;
}

/** Why photos were refused (translated by each area, which knows where they belong). */
export type PhotoError =
	| { code: 'photo_count'; max: number }
	| { code: 'photo_size'; name: string; maxMb: number }
	| { code: 'photo_type'; name: string }
	| { code: 'photo_pixels'; name: string; maxMp: number };

/**
 * Where uploads live: `UPLOADS_DIR`, by default `uploads/` in the database file's folder
 * (data/frontdesk.db → data/uploads), so the photos stay with the database they belong to
 * whatever folder the server was started from. On PostgreSQL there is no such folder: data/uploads
 * (a company's instances share one UPLOADS_DIR, docs/company-deployment.md).
 */
export function uploadsRoot(): string {
	const db = databaseFile();
	const beside = isPgUrl(db) ? 'data' : dirname(resolve(db));
	return resolve(process.env.UPLOADS_DIR || join(beside, 'uploads'));
}

/**
 * The files of a multipart form field (the empty part a browser sends for "no file" is dropped),
 * each decoded and re-encoded by `cleanPhoto`. A file that is too large or not even named an
 * image by its first bytes is passed on as it came (checkPhotos refuses it without decoding).
 */
export async function photosFromForm(form: FormData, field = 'photos'): Promise<PhotoUpload[]> {
	const out: PhotoUpload[] = [];
	for (const v of form.getAll(field)) {
		if (typeof v === 'string' || v.size === 0) continue;
		const name = v.name || 'photo';
		const bytes = new Uint8Array(await v.arrayBuffer());
		if (bytes.length > PHOTO_MAX_BYTES || !sniffImage(bytes)) {
			out.push({ name, bytes });
			continue;
		}
		const c = await cleanPhoto(bytes);
		out.push(c.ok ? { name, bytes: c.bytes, cleaned: true } : { name, bytes, refused: c.code });
	}
	return out;
}

let sharpModule: Promise<typeof Sharp> | null = null;

/** sharp (libvips) is loaded on the first photo, not with every module that names a photo file. */
function loadSharp(): Promise<typeof Sharp> {
	sharpModule ??= import('sharp').then((m) => {
		// Without libvips' operation cache: every photo is new, and the memory is the database's.
		m.default.cache(false);
		return m.default;
	});
	return sharpModule;
}

/**
 * Decodes an image within PHOTO_MAX_PIXELS (judged from its header, before any pixel is decoded)
 * and encodes it again in the format it claimed, turned upright by its EXIF orientation. The new
 * file carries no metadata (EXIF, GPS, XMP, comments) and nothing that followed the image.
 * Refused: anything libvips cannot decode fully as that format (an image header followed by
 * HTML, a truncated file) and anything over the pixel limit.
 */
export async function cleanPhoto(
	bytes: Uint8Array
): Promise<
	| { ok: true; bytes: Uint8Array; mime: PhotoMime }
	| { ok: false; code: 'photo_type' | 'photo_pixels' }
> {
	const mime = sniffImage(bytes);
	if (!mime) return { ok: false, code: 'photo_type' };
	const sharp = await loadSharp();
	try {
		const input = sharp(bytes, {
			limitInputPixels: PHOTO_MAX_PIXELS,
			failOn: 'error',
			sequentialRead: true
		});
		const meta = await input.metadata();
		// The decoder must be the one the magic bytes named: a PNG header on a GIF or SVG is not a PNG.
		if (meta.format !== PHOTO_EXT[mime].replace('jpg', 'jpeg'))
			return { ok: false, code: 'photo_type' };
		const upright = input.rotate();
		const out = await (
			mime === 'image/jpeg'
				? upright.jpeg({ quality: 85 })
				: mime === 'image/png'
					? upright.png()
					: upright.webp({ quality: 85 })
		).toBuffer();
		return { ok: true, bytes: new Uint8Array(out.buffer, out.byteOffset, out.length), mime };
	} catch (e) {
		return {
			ok: false,
			code: /pixel limit/i.test(String((e as Error)?.message)) ? 'photo_pixels' : 'photo_type'
		};
	}
}

/** Count (≤ `max`), size (≤ 5 MB as uploaded) and type (JPEG/PNG/WebP by magic bytes) of each photo. */
export function checkPhotos(
	photos: readonly PhotoUpload[],
	max: number
): { ok: true; photos: CheckedPhoto[] } | { ok: false; error: PhotoError } {
	const real = photos.filter((p) => p.bytes.length > 0);
	if (real.length > max) return { ok: false, error: { code: 'photo_count', max } };
	const out: CheckedPhoto[] = [];
	for (const p of real) {
		const name = p.name.slice(0, 80);
		if (p.refused === 'photo_pixels')
			return {
				ok: false,
				error: { code: 'photo_pixels', name, maxMp: PHOTO_MAX_PIXELS / 1_000_000 }
			};
		if (p.refused) return { ok: false, error: { code: 'photo_type', name } };
		// The limit is on what was sent: a re-encoded photo may come out a little larger.
		if (!p.cleaned && p.bytes.length > PHOTO_MAX_BYTES)
			return {
				ok: false,
				error: { code: 'photo_size', name, maxMb: PHOTO_MAX_BYTES / 1024 / 1024 }
			};
		const mime = sniffImage(p.bytes);
		if (!mime) return { ok: false, error: { code: 'photo_type', name } };
		out.push({
			bytes: p.bytes,
			mime,
			size: p.bytes.length,
			sha256: createHash('sha256').update(p.bytes).digest('hex')
		});
	}
	return { ok: true, photos: out };
}

/** Writes checked photos under random names in `dir`; returns the names (the caller records them). */
export function writePhotos(photos: readonly CheckedPhoto[], dir: string): string[] {
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

/** Removes files written for a record that was then not written (no row points at them). */
export function discardPhotos(names: readonly string[], dir: string) {
	for (const n of names) {
		try {
			unlinkSync(join(dir, n));
		} catch {
			/* already gone */
		}
	}
}

const SAFE_NAME = /^[0-9a-f]{32}\.(jpg|png|webp)$/;

export function readPhotoFile(fileName: string, dir: string): Buffer | null {
	if (!SAFE_NAME.test(fileName)) return null;
	try {
		return readFileSync(join(dir, fileName));
	} catch {
		return null;
	}
}

/** The answer of a photo route (after it checked who asks): an image, never sniffed, never cached. */
export function photoResponse(photo: { bytes: Buffer; mime: string }): Response {
	return new Response(new Uint8Array(photo.bytes), {
		headers: {
			'Content-Type': photo.mime,
			'Cache-Control': 'private, no-store',
			// Served as an image only, never sniffed into anything else.
			'Content-Disposition': 'inline',
			'X-Content-Type-Options': 'nosniff'
		}
	});
}
