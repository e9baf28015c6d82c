import { beforeEach, describe, expect, it } from 'vitest';
import { mkdtempSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createTestDb } from '../db/test-db';
import { codeOf, createFixture, type Fixture, clerkOf, newFormKey } from '../db/fixtures';
import type { Db } from '../db';
import { parcelHandovers, parcels } from '../db/schema';
import {
	authoriseParcels,
	handOverParcel,
	intakeParcel,
	listParcels,
	parcelCounts,
	ParcelError,
	standingAuthorisations,
	unitWaitingParcels,
	withdrawAuthorisation,
	type AuthorisationInput,
	type IntakeInput
} from '.';
import { openMatters } from '../shifts';

// 2026-11-28 10:00 in Asia/Shanghai.
const T = Date.parse('2026-11-28T02:00:00Z');
const H = 3_600_000;
const D = 24 * H;
const code = codeOf(ParcelError);
const key = newFormKey;

describe('parcels (快递代收)', () => {
	let db: Db;
	let f: Fixture;
	let clerk: { id: number; communityId: number; role: 'clerk' };
	let dir: string;
	const auth = (over: Partial<AuthorisationInput> = {}): AuthorisationInput => ({
		unit: '1-1-101',
		channel: 'written',
		givenOn: '2026-11-20',
		givenBy: '张伟',
		persons: '王五、赵六',
		note: '',
		formKey: key(),
		...over
	});
	const parcel = (over: Partial<IntakeInput> = {}): IntakeInput => ({
		unit: '1-1-101',
		courier: '顺丰',
		trackingNo: 'SF100200300',
		recipient: '张伟',
		slot: 'A-03',
		phone: null,
		formKey: key(),
		...over
	});
	const intake = (over: Partial<IntakeInput> = {}, at = T) =>
		intakeParcel(db, clerk, parcel(over), at, { photoDir: dir }).id;
	beforeEach(() => {
		db = createTestDb();
		f = createFixture(db, { parcels: { overdueDays: 7 } });
		clerk = clerkOf(f);
		dir = mkdtempSync(join(tmpdir(), 'parcels-'));
	});

	it('takes a parcel in for an authorised unit, once per form, and the resident sees it waiting', () => {
		authoriseParcels(db, clerk, auth(), T - D);
		const same = parcel({ formKey: 'form-once-0001' });
		const a = intakeParcel(db, clerk, same, T, { photoDir: dir });
		expect(intakeParcel(db, clerk, same, T + 1000, { photoDir: dir })).toEqual({
			id: a.id,
			replay: true
		});
		expect(db.select().from(parcels).all()).toHaveLength(1);
		expect(parcelCounts(db, f.communityId, T)).toEqual({ open: 1, overdue: 0 });
		expect(unitWaitingParcels(db, f.communityId, f.unitIds[0])).toEqual([
			{ courier: '顺丰', receivedMs: T }
		]);
		expect(listParcels(db, f.communityId, { view: 'waiting' }, T)).toMatchObject([
			{ unitCode: '1-1-101', slot: 'A-03', byPhone: false, state: 'waiting', receivedBy: 'clerk' }
		]);
	});

	it('refuses an unknown unit, a unit without authorisation, and a tracking number already waiting, writing nothing', () => {
		expect(code(() => intake({ unit: '9-9-999' }))).toBe('unknown_unit');
		expect(code(() => intake())).toBe('no_authorisation');
		// A call noted in part is not a confirmation.
		expect(
			code(() => intake({ phone: { phone: '13800000001', calledMs: null, answeredBy: '张伟' } }))
		).toBe('no_authorisation');
		expect(db.select().from(parcels).all()).toHaveLength(0);
		authoriseParcels(db, clerk, auth(), T);
		const id = intake({ trackingNo: 'sf 100200300' });
		expect(code(() => intake({ trackingNo: 'SF100200300' }))).toBe('duplicate_tracking');
		handOverParcel(db, clerk, { id, collector: '张伟', idType: 'id_card', idLast4: '0000' }, T);
		// Collected, the same number may come again (a return, a re-delivery).
		expect(code(() => intake({ trackingNo: 'SF100200300' }))).toBe('ok');
	});

	it('refuses intake once the authorisation is withdrawn, unless the owner is phoned', () => {
		const a = authoriseParcels(db, clerk, auth(), T - D);
		expect(standingAuthorisations(db, f.communityId).map((r) => r.unitCode)).toEqual(['1-1-101']);
		withdrawAuthorisation(db, clerk, a, '业主搬走', T - H);
		expect(code(() => withdrawAuthorisation(db, clerk, a, '', T))).toBe('already_withdrawn');
		expect(standingAuthorisations(db, f.communityId)).toEqual([]);
		expect(code(() => intake())).toBe('no_authorisation');
		const id = intake({
			phone: { phone: '13800000001', calledMs: T - 60_000, answeredBy: '张伟' }
		});
		expect(listParcels(db, f.communityId, { view: 'all' }, T)).toMatchObject([
			{ id, byPhone: true, calledPhone: '13800000001', answeredBy: '张伟' }
		]);
		// A new authorisation stands again.
		authoriseParcels(db, clerk, auth({ channel: 'phone', persons: '' }), T);
		expect(standingAuthorisations(db, f.communityId)).toMatchObject([{ persons: [] }]);
	});

	it('hands over once, with an ID, to an owner or a named person only', () => {
		authoriseParcels(db, clerk, auth(), T);
		const id = intake();
		const hand = (collector: string, idType: 'id_card' | '', idLast4: string) =>
			code(() => handOverParcel(db, clerk, { id, collector, idType, idLast4 }, T + H));
		expect(hand('张伟', '', '')).toBe('id_missing');
		expect(hand('张伟', 'id_card', '12')).toBe('id_missing');
		expect(hand('李四', 'id_card', '1234')).toBe('not_authorised_collector');
		expect(db.select().from(parcelHandovers).all()).toHaveLength(0);
		expect(hand('赵六', 'id_card', '123x')).toBe('ok');
		expect(hand('张伟', 'id_card', '0001')).toBe('already_collected');
		expect(listParcels(db, f.communityId, { view: 'collected' }, T + H)).toMatchObject([
			{ id, collector: '赵六', idType: 'id_card', idLast4: '123X', handedBy: 'clerk' }
		]);
		expect(parcelCounts(db, f.communityId, T + H)).toEqual({ open: 0, overdue: 0 });
		// The database itself refuses a second hand-over row.
		expect(() =>
			db
				.insert(parcelHandovers)
				.values({
					parcelId: id,
					collector: 'x',
					idType: 'id_card',
					idLast4: '0000',
					createdBy: f.clerkId,
					createdAt: T
				})
				.run()
		).toThrow();
	});

	it('is overdue after 7 days waiting (across the month end), on the counter home and in the handover', () => {
		authoriseParcels(db, clerk, auth(), T);
		intake({ recipient: '王五', slot: 'B-11' });
		const dec5 = Date.parse('2026-12-05T15:59:00Z'); // 12-05 23:59 local: 7 days
		const dec6 = Date.parse('2026-12-05T16:00:00Z'); // 12-06 00:00 local: 8th day
		expect(parcelCounts(db, f.communityId, dec5)).toEqual({ open: 1, overdue: 0 });
		expect(parcelCounts(db, f.communityId, dec6)).toEqual({ open: 1, overdue: 1 });
		expect(listParcels(db, f.communityId, { view: 'overdue' }, dec5)).toHaveLength(0);
		expect(listParcels(db, f.communityId, { view: 'overdue' }, dec6)).toMatchObject([
			{ overdue: true }
		]);
		expect(openMatters(db, f.communityId, dec6).registersOpen).toEqual([
			{
				register: 'parcel',
				ref: 'B-11',
				unitCode: '1-1-101',
				summary: '顺丰 · 王五',
				dueAt: dec6,
				overdue: true,
				href: '/parcels?view=waiting'
			}
		]);
	});

	it('keeps a photo, and a refused intake leaves no file behind', async () => {
		const { default: sharp } = await import('sharp');
		const png = await sharp({
			create: { width: 4, height: 4, channels: 3, background: '#c00' }
		})
			.png()
			.toBuffer();
		const photos = [{ name: 'p.png', bytes: new Uint8Array(png), cleaned: true as const }];
		expect(code(() => intake({ photos }))).toBe('no_authorisation');
		expect(readdirSync(dir)).toEqual([]);
		expect(code(() => intake({ photos: [{ name: 'x.txt', bytes: new Uint8Array([1, 2]) }] }))).toBe(
			'photo_type'
		);
		authoriseParcels(db, clerk, auth(), T);
		intake({ photos });
		expect(readdirSync(dir)).toHaveLength(1);
		expect(listParcels(db, f.communityId, { view: 'all' }, T)[0].hasPhoto).toBe(true);
	});

	it('keeps another community’s parcels apart, and is insert-only', () => {
		authoriseParcels(db, clerk, auth(), T);
		const id = intake();
		const other = { id: f.clerkId, communityId: f.otherCommunityId, role: 'clerk' as const };
		expect(
			code(() =>
				handOverParcel(db, other, { id, collector: '张伟', idType: 'id_card', idLast4: '0000' }, T)
			)
		).toBe('not_found');
		expect(code(() => intakeParcel(db, other, parcel(), T))).toBe('unknown_unit');
		expect(() => db.update(parcels).set({ slot: 'x' }).run()).toThrow();
		expect(() => db.delete(parcels).run()).toThrow();
	});
});
