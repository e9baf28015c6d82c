// The unit file's people and places: every tie to the unit (current and past, dated), the
// parking spaces it holds or held, and its vehicles. Read only.
import type { Db } from '../db';
import { stmt } from '../db/stmt';

export interface TieRow {
	ownerId: number;
	name: string;
	phone: string;
	ownerType: string;
	role: string;
	startDate: string | null;
	endDate: string | null;
	endReason: string | null;
	/** Other units this person is tied to now (a person may hold several). */
	otherUnits: { id: number; code: string }[];
}

export interface SpaceRow {
	code: string;
	kind: string;
	areaCenti: number;
	holding: string;
	startDate: string;
	endDate: string | null;
}

export interface VehicleRow {
	plate: string;
	ownerName: string | null;
	spaceCode: string | null;
	startDate: string;
	endDate: string | null;
}

// Current ties first (owners before the rest), then past ones, newest end first.
const TIES_SQL = `SELECT o.id AS ownerId, o.name, o.phone, o.owner_type AS ownerType, uo.role, uo.start_date AS startDate,
	uo.end_date AS endDate, uo.end_reason AS endReason
	FROM unit_owners uo JOIN owners o ON o.id = uo.owner_id WHERE uo.unit_id = ?
	ORDER BY uo.end_date IS NOT NULL, uo.end_date DESC,
		CASE uo.role WHEN 'owner' THEN 0 WHEN 'co_owner' THEN 1 WHEN 'tenant' THEN 2 WHEN 'household' THEN 3 ELSE 4 END, uo.id`;

const OTHER_UNITS_SQL = `SELECT DISTINCT uo.owner_id AS ownerId, u.id, u.code FROM unit_owners uo JOIN units u ON u.id = uo.unit_id
	WHERE uo.owner_id IN (SELECT value FROM json_each(?)) AND uo.unit_id <> ? AND uo.end_date IS NULL
		AND uo.role IN ('owner', 'co_owner') ORDER BY u.code`;

export function unitTies(db: Db, unitId: number): TieRow[] {
	const rows = stmt(db, TIES_SQL).all(unitId) as Omit<TieRow, 'otherUnits'>[];
	const ids = [...new Set(rows.map((r) => r.ownerId))];
	const others = ids.length
		? (stmt(db, OTHER_UNITS_SQL).all(JSON.stringify(ids), unitId) as {
				ownerId: number;
				id: number;
				code: string;
			}[])
		: [];
	return rows.map((r) => ({
		...r,
		otherUnits: others.filter((o) => o.ownerId === r.ownerId).map(({ id, code }) => ({ id, code }))
	}));
}

export function unitSpaces(db: Db, unitId: number): SpaceRow[] {
	return stmt(
		db,
		`SELECT s.code, s.kind, s.area_centi AS areaCenti, h.holding, h.start_date AS startDate, h.end_date AS endDate
		FROM parking_space_holdings h JOIN parking_spaces s ON s.id = h.space_id WHERE h.unit_id = ?
		ORDER BY h.end_date IS NOT NULL, h.end_date DESC, s.code`
	).all(unitId) as SpaceRow[];
}

export function unitVehicles(db: Db, unitId: number): VehicleRow[] {
	return stmt(
		db,
		`SELECT v.plate, o.name AS ownerName, s.code AS spaceCode, v.start_date AS startDate, v.end_date AS endDate
		FROM vehicles v LEFT JOIN owners o ON o.id = v.owner_id LEFT JOIN parking_spaces s ON s.id = v.space_id
		WHERE v.unit_id = ? ORDER BY v.end_date IS NOT NULL, v.end_date DESC, v.plate`
	).all(unitId) as VehicleRow[];
}
