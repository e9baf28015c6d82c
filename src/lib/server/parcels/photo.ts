import { and, eq } from 'drizzle-orm';
import { join } from 'node:path';
import type { Db } from '../db';
import { parcels } from '../db/schema';
import { readPhotoFile, uploadsRoot } from '../uploads/photos';
import { sniffImage } from '../../domain/photos';

/** Parcel photos live in uploads/parcels (the shared photo code is in uploads/photos.ts). */
export function parcelPhotoDir(root = uploadsRoot()): string {
	return join(root, 'parcels');
}

/** A parcel's intake photo, for staff of its community only. */
export function parcelPhoto(
	db: Db,
	communityId: number,
	id: number
): { bytes: Buffer; mime: string } | null {
	const row = db
		.select({ photo: parcels.photo })
		.from(parcels)
		.where(and(eq(parcels.id, id), eq(parcels.communityId, communityId)))
		.get();
	if (!row?.photo) return null;
	const bytes = readPhotoFile(row.photo, parcelPhotoDir());
	const mime = bytes && sniffImage(bytes);
	return bytes && mime ? { bytes, mime } : null;
}
