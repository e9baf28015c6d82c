import { afterEach, describe, expect, inject, test } from 'vitest';
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import sharp from 'sharp';
import { AppServer, dbDir, freshDb } from './lib/server';
import { Client } from './lib/http';
import { withDb } from './lib/db';
import { ROOT } from './lib/env';
import { onPg } from './lib/pg';

/*
 * `node build` started from another folder (a systemd unit, cron, `cd /tmp`): it finds its
 * migrations and its PDF font from its own location, and keeps photos beside the database
 * (UPLOADS_DIR unset), never in the working directory.
 */

let server: AppServer | null = null;
afterEach(async () => {
	await server?.close();
	server = null;
});

function pdfText(bytes: Buffer, dir: string): string {
	writeFileSync(join(dir, 'a.pdf'), bytes);
	return execFileSync('pdftotext', ['-layout', '-enc', 'UTF-8', join(dir, 'a.pdf'), '-'], {
		encoding: 'utf8'
	});
}

// Where the server puts the database file and the uploads beside it: no file on PostgreSQL.
describe.skipIf(onPg())('node build started outside the project', () => {
	test('migrates a new database file from its own drizzle/ folder', async () => {
		const work = inject('workDir');
		const elsewhere = mkdtempSync(join(work, 'cwd-'));
		const fresh = join(mkdtempSync(join(work, 'fresh-')), 'data', 'frontdesk.db'); // neither file nor folder exists yet
		server = await AppServer.start({
			dbFile: fresh,
			cwd: elsewhere,
			env: { UPLOADS_DIR: undefined },
			logFile: join(work, 'paths-fresh.log')
		});
		const journal = JSON.parse(readFileSync(join(ROOT, 'drizzle/meta/_journal.json'), 'utf8')) as {
			entries: unknown[];
		};
		expect(
			withDb(
				fresh,
				(d) =>
					(d.prepare('SELECT count(*) AS n FROM __drizzle_migrations').get() as { n: number }).n
			)
		).toBe(journal.entries.length);
		expect(readdirSync(elsewhere)).toEqual([]); // nothing written where it was started
	});

	test('prints a PDF with its font, and stores a report photo beside the database, cleaned', async () => {
		const work = inject('workDir');
		const elsewhere = mkdtempSync(join(work, 'cwd-'));
		const db = freshDb(inject('templateDb'), work, 'paths');
		server = await AppServer.start({
			dbFile: db,
			cwd: elsewhere,
			env: { UPLOADS_DIR: undefined },
			logFile: join(work, 'paths.log')
		});
		const clerk = new Client(server.url);
		await clerk.login('clerk');

		// A report with a phone photo carrying its GPS position.
		const photo = await sharp({
			create: { width: 64, height: 48, channels: 3, background: '#864' }
		})
			.jpeg()
			.withExif({
				IFD0: { Make: 'PhoneMaker' },
				IFD3: { GPSLatitudeRef: 'N', GPSLatitude: '30/1 15/1 0/1' }
			})
			.toBuffer();
		const form = new FormData();
		for (const [k, v] of Object.entries({
			kind: 'property',
			source: 'counter',
			unitCode: '',
			location: '3 号楼大堂',
			reporterName: '张伟',
			reporterPhone: '13800000001',
			text: '大堂地面破损',
			department: 'cleaning',
			assignee: '保洁 吴',
			idempotencyKey: crypto.randomUUID()
		}))
			form.append(k, v);
		form.append(
			'photos',
			new Blob([new Uint8Array(photo)], { type: 'image/jpeg' }),
			'IMG_0001.jpg'
		);
		const created = await clerk.action('/tickets/new', form);
		expect(created).toMatchObject({ type: 'redirect' });
		const ticketNo = /\/tickets\/(BS-\d{4}-\d{6})/.exec(String(created.location))![1];

		const stored = withDb(
			db,
			(d) =>
				d
					.prepare(
						'SELECT p.file_name AS f FROM ticket_photos p JOIN tickets t ON t.id = p.ticket_id WHERE t.ticket_no = ?'
					)
					.get(ticketNo) as { f: string }
		);
		const file = join(dbDir(db), 'uploads', 'tickets', stored.f);
		expect(existsSync(file)).toBe(true);
		expect(existsSync(join(elsewhere, 'data'))).toBe(false);
		const bytes = readFileSync(file);
		expect(bytes.includes(Buffer.from('PhoneMaker'))).toBe(false);
		expect((await sharp(bytes).metadata()).exif).toBeUndefined();
		// Served back as that image only, with the security headers.
		const id = withDb(
			db,
			(d) =>
				(
					d.prepare('SELECT id FROM ticket_photos WHERE file_name = ?').get(stored.f) as {
						id: number;
					}
				).id
		);
		const served = await clerk.fetch(`/tickets/${ticketNo}/photos/${id}`);
		expect(served.status).toBe(200);
		expect(served.headers.get('content-type')).toBe('image/jpeg');
		expect(served.headers.get('x-content-type-options')).toBe('nosniff');
		expect(served.headers.get('content-security-policy')).toContain("frame-ancestors 'none'");
		expect(Buffer.from(await served.arrayBuffer()).equals(bytes)).toBe(true);

		// The dispatch slip: a PDF set in the CJK font the build carries.
		const res = await clerk.fetch(`/tickets/${ticketNo}/slip.pdf`);
		expect(res.status).toBe(200);
		expect(res.headers.get('content-type')).toBe('application/pdf');
		const text = pdfText(Buffer.from(await res.arrayBuffer()), elsewhere);
		expect(text).toContain(ticketNo);
		expect(text).toContain('大堂地面破损');
	});
});
