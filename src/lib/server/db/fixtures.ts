import { isPg, type Db } from './index';
import { communities, owners, staffUsers, unitOwners, units } from './schema';

export interface Fixture {
	communityId: number;
	otherCommunityId: number;
	clerkId: number;
	clerk2Id: number;
	managerId: number;
	adminId: number;
	unitIds: number[];
	otherUnitId: number;
	ownerIds: number[];
}

/**
 * A small known world for unit tests: community 1 with 3 units (1-1-101 90.00 m², 1-1-102
 * 120.50 m² with a parking space, 1-1-201 not handed over), its staff, and a second community
 * with one unit (for "another community's data is refused" tests). Password hashes are dummies.
 */
export function createFixture(
	db: Db,
	settings: Record<string, unknown> = {},
	now = Date.parse('2026-11-23T01:00:00Z')
): Fixture {
	const c = db
		.insert(communities)
		.values({
			code: 'T1',
			name: '测试小区',
			centreName: '测试小区管理处',
			timeZone: 'Asia/Shanghai',
			settings: JSON.stringify(settings),
			createdAt: now
		})
		.returning()
		.get();
	const c2 = db
		.insert(communities)
		.values({
			code: 'T2',
			name: '别的小区',
			centreName: '别的小区管理处',
			timeZone: 'Asia/Shanghai',
			settings: '{}',
			createdAt: now
		})
		.returning()
		.get();
	const staff = (username: string, role: 'clerk' | 'manager' | 'admin', communityId = c.id) =>
		db
			.insert(staffUsers)
			.values({
				communityId,
				username,
				displayName: username,
				workNo: username.toUpperCase(),
				role,
				passwordHash: 'x',
				active: true,
				createdAt: now
			})
			.returning()
			.get().id;
	const unit = (
		communityId: number,
		code: string,
		areaCenti: number,
		occupancy: 'occupied' | 'not_handed_over',
		parkingSpaces = 0
	) => {
		const [building, entrance, room] = code.split('-');
		return db
			.insert(units)
			.values({
				communityId,
				building,
				entrance,
				room,
				code,
				areaCenti,
				occupancy,
				parkingSpaces,
				handoverNoticeDate: '2024-06-01',
				createdAt: now
			})
			.returning()
			.get().id;
	};
	const unitIds = [
		unit(c.id, '1-1-101', 9000, 'occupied'),
		unit(c.id, '1-1-102', 12050, 'occupied', 1),
		unit(c.id, '1-1-201', 8956, 'not_handed_over')
	];
	const ownerIds = unitIds.map((unitId, i) => {
		const o = db
			.insert(owners)
			.values({
				communityId: c.id,
				name: ['张伟', '李娜', '王芳'][i],
				phone: ['13800000001', '13800000002', '13800000003'][i],
				idType: 'id_card',
				idNumber: `33010019800101000${i}`,
				ownerType: 'individual',
				createdAt: now
			})
			.returning()
			.get();
		db.insert(unitOwners).values({ unitId, ownerId: o.id, role: 'owner' }).run();
		return o.id;
	});
	return {
		communityId: c.id,
		otherCommunityId: c2.id,
		clerkId: staff('clerk', 'clerk'),
		clerk2Id: staff('clerk2', 'clerk'),
		managerId: staff('manager', 'manager'),
		adminId: staff('admin', 'admin'),
		unitIds,
		otherUnitId: unit(c2.id, '9-9-909', 10000, 'occupied'),
		ownerIds
	};
}

/** The fixture's clerk as the actor of a front-desk write. */
export function clerkOf(f: Fixture): { id: number; communityId: number; role: 'clerk' } {
	return { id: f.clerkId, communityId: f.communityId, role: 'clerk' };
}

/** A one-time form key of its own (a form submitted once), as the pages mint them. */
export const newFormKey = () => 'form-' + Math.random().toString(36).slice(2, 12);

/**
 * For tests: `code(() => write())` answers the refusal's code when `write` throws the area's error
 * (`errorClass`), 'ok' when it does not throw; any other exception fails the test.
 */
export function codeOf(
	errorClass: abstract new (...args: never[]) => { code: string }
): (fn: () => unknown) => string {
	return (fn) => {
		try {
			fn();
		} catch (e) {
			if (e instanceof errorClass) return e.code;
			throw e;
		}
		return 'ok';
	};
}

/**
 * Makes inserts into `table` fail with `message` (only rows meeting `when`, SQL on `NEW`), on
 * either database: for tests that a failure half-way leaves nothing. Returns the undo.
 */
export function failInserts(db: Db, table: string, message: string, when?: string): () => void {
	const name = `fail_${table}`;
	if (isPg(db)) {
		db.$client.exec(
			`CREATE FUNCTION ${name}() RETURNS trigger LANGUAGE plpgsql AS $$
			 BEGIN IF ${when ?? 'TRUE'} THEN RAISE EXCEPTION '${message}'; END IF; RETURN NEW; END $$;
			 CREATE TRIGGER ${name} BEFORE INSERT ON ${table} FOR EACH ROW EXECUTE FUNCTION ${name}()`
		);
		return () => db.$client.exec(`DROP TRIGGER ${name} ON ${table}; DROP FUNCTION ${name}()`);
	}
	db.$client.exec(
		`CREATE TRIGGER ${name} BEFORE INSERT ON ${table} ${when ? `WHEN ${when}` : ''}
		 BEGIN SELECT RAISE(ABORT, '${message}'); END`
	);
	return () => db.$client.exec(`DROP TRIGGER ${name}`);
}
