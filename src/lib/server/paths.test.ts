import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { mkdtempSync, realpathSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { migrationsDir } from './db';
import { cjkFontPath } from './pdf/font';
import { uploadsRoot } from './uploads/photos';
import { ticketPhotoDir } from './tickets/photos';

const ROOT = resolve(import.meta.dirname, '../../..');

describe('the server finds its files from its own location, not the working directory', () => {
	const saved = { cwd: process.cwd(), env: { ...process.env } };
	let elsewhere: string;
	beforeEach(() => {
		elsewhere = realpathSync(mkdtempSync(join(tmpdir(), 'frontdesk-cwd-')));
		process.chdir(elsewhere);
		for (const k of ['DATABASE_URL', 'UPLOADS_DIR', 'MIGRATIONS_DIR', 'FONT_PATH'])
			delete process.env[k];
	});
	afterEach(() => {
		process.chdir(saved.cwd);
		process.env = { ...saved.env };
	});

	it('drizzle/ and the PDF font, started from another folder', () => {
		expect(migrationsDir()).toBe(join(ROOT, 'drizzle'));
		expect(cjkFontPath()).toBe(join(ROOT, 'static/fonts/NotoSansSC-Regular.ttf'));
	});

	it('uploads default to uploads/ beside the database file; UPLOADS_DIR wins', () => {
		process.env.DATABASE_URL = '/srv/frontdesk/data/frontdesk.db';
		expect(uploadsRoot()).toBe('/srv/frontdesk/data/uploads');
		expect(ticketPhotoDir()).toBe('/srv/frontdesk/data/uploads/tickets');
		// The default database (data/frontdesk.db, relative) keeps today's data/uploads.
		delete process.env.DATABASE_URL;
		expect(uploadsRoot()).toBe(join(elsewhere, 'data/uploads'));
		process.env.UPLOADS_DIR = '/mnt/photos';
		expect(uploadsRoot()).toBe('/mnt/photos');
	});
});
