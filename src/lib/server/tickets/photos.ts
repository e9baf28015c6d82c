import { join } from 'node:path';
import { uploadsRoot } from '../uploads/photos';

/** Report photos live in uploads/tickets (the shared photo code is in uploads/photos.ts). */
export function ticketPhotoDir(root = uploadsRoot()): string {
	return join(root, 'tickets');
}
