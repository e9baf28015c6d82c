/**
 * Renovation money (DOMAIN.md §4), pure and in integer fen. Areas are integer hundredths of m²
 * (the unit's building area is stored that way). Used by the server, which posts the amounts,
 * and by the counter page, which shows the same itemised total while the clerk types.
 */

/** Fee settings of a community (`settings.renovation`). */
export interface RenovationFeeSettings {
	depositFen: number;
	debrisRateFenPerM2: number;
	wallDebrisRateFenPerM2: number;
	passDepositFen: number;
	passCardFeeFen: number;
	lostPassKeepsDeposit: boolean;
}

/** Item codes on payment lines and settlement lines (stable: reports group by them). */
export const ITEM = {
	renovationDeposit: 'renovation_deposit',
	passDeposit: 'pass_deposit',
	passCardFee: 'pass_card_fee',
	debrisFee: 'debris_fee',
	wallDebrisFee: 'wall_debris_fee'
} as const;
export type RenovationItemCode = (typeof ITEM)[keyof typeof ITEM];

/** Item names as printed on receipts and vouchers (Chinese documents) and shown in English. */
export const ITEM_NAME_ZH: Record<RenovationItemCode, string> = {
	renovation_deposit: '装修保证金',
	pass_deposit: '临时出入证押金',
	pass_card_fee: '临时出入证工本费',
	debris_fee: '装修垃圾清运费',
	wall_debris_fee: '敲墙垃圾转运费'
};
export const ITEM_NAME_EN: Record<RenovationItemCode, string> = {
	renovation_deposit: 'Renovation deposit',
	pass_deposit: 'Worker pass deposit',
	pass_card_fee: 'Worker pass card fee',
	debris_fee: 'Debris removal fee',
	wall_debris_fee: 'Wall-demolition debris fee'
};

/** Deposits (money held, refundable) among the item codes. */
export const DEPOSIT_ITEMS = [ITEM.renovationDeposit, ITEM.passDeposit] as const;
export type DepositItem = (typeof DEPOSIT_ITEMS)[number];

// ---------------------------------------------------------------- areas

/** Largest area any input may carry: 99 999.99 m². */
export const MAX_AREA_CENTI = 9_999_999;
/** A measured demolished wall area above this many times the building area is a typing mistake. */
export const WALL_AREA_MAX_FACTOR = 2;

export type AreaError =
	'empty' | 'not_a_number' | 'too_many_decimals' | 'negative' | 'zero' | 'too_large';

/** Parses "12.5" / "12.50" / "１２．５" m² to hundredths (1250). No floating point. */
export function parseAreaCenti(
	input: string
): { ok: true; centi: number } | { ok: false; error: AreaError } {
	const s = String(input ?? '')
		.replace(/[\uff10-\uff19]/g, (c) => String.fromCharCode(c.charCodeAt(0) - 0xff10 + 48))
		.replace(/．/g, '.')
		.replace(/[－−]/g, '-')
		.replace(/\s*(m²|㎡|m2|平方米)$/i, '')
		.trim();
	if (s === '') return { ok: false, error: 'empty' };
	const m = /^(-)?(\d*)(?:\.(\d*))?$/.exec(s);
	if (!m || (m[2] === '' && (m[3] ?? '') === '')) return { ok: false, error: 'not_a_number' };
	if (m[1]) return { ok: false, error: 'negative' };
	const frac = m[3] ?? '';
	if (frac.length > 2) return { ok: false, error: 'too_many_decimals' };
	if (m[2].replace(/^0+/, '').length > 5) return { ok: false, error: 'too_large' };
	const centi = Number(m[2] || '0') * 100 + Number(frac.padEnd(2, '0'));
	if (centi === 0) return { ok: false, error: 'zero' };
	if (centi > MAX_AREA_CENTI) return { ok: false, error: 'too_large' };
	return { ok: true, centi };
}

/** "98.21" (hundredths of m² as text; never through floating point). */
export function formatArea(centi: number): string {
	return `${Math.floor(centi / 100)}.${String(centi % 100).padStart(2, '0')}`;
}

/** Demolished wall area: above zero and at most WALL_AREA_MAX_FACTOR × the building area. */
export function checkWallArea(
	areaCenti: number,
	buildingAreaCenti: number
): 'zero' | 'too_large' | null {
	if (!Number.isSafeInteger(areaCenti) || areaCenti <= 0) return 'zero';
	if (areaCenti > buildingAreaCenti * WALL_AREA_MAX_FACTOR || areaCenti > MAX_AREA_CENTI)
		return 'too_large';
	return null;
}

// ---------------------------------------------------------------- fees

/** rate (fen per m²) × area (hundredths of m²), rounded half up to the fen, in integers. */
export function areaFee(rateFenPerM2: number, areaCenti: number): number {
	if (!Number.isSafeInteger(rateFenPerM2) || rateFenPerM2 < 0)
		throw new RangeError(`bad rate ${rateFenPerM2}`);
	if (!Number.isSafeInteger(areaCenti) || areaCenti < 0)
		throw new RangeError(`bad area ${areaCenti}`);
	const product = BigInt(rateFenPerM2) * BigInt(areaCenti);
	return Number((product + 50n) / 100n);
}

export interface QuoteLine {
	itemCode: RenovationItemCode;
	kind: 'deposit' | 'charge';
	amountFen: number;
	/** For pass lines: which worker (0-based) of the quote. */
	passIndex?: number;
}

export interface FeeQuote {
	depositFen: number;
	debrisFen: number;
	debrisRateFenPerM2: number;
	buildingAreaCenti: number;
	wallDebrisFen: number;
	wallDebrisRateFenPerM2: number;
	wallAreaCenti: number;
	passCount: number;
	passDepositFen: number;
	passCardFeeFen: number;
	/** Per pass, for the lines. */
	passDepositEachFen: number;
	passCardFeeEachFen: number;
	totalFen: number;
	/** Payment lines in receipt order; zero amounts are left out (the ledger refuses them). */
	lines: QuoteLine[];
}

/**
 * What the clerk asks for when the agreement is signed (DOMAIN.md §4): 装修保证金 + 装修垃圾清运费
 * (rate × building area) + 敲墙垃圾转运费 (rate × measured demolished area, when walls come down)
 * + per worker pass 押金 + 工本费.
 */
export function quoteFees(
	s: RenovationFeeSettings,
	input: {
		buildingAreaCenti: number;
		wallAreaCenti: number;
		passCount: number;
		includeDeposit?: boolean;
		includeDebris?: boolean;
	}
): FeeQuote {
	const includeDeposit = input.includeDeposit ?? true;
	const includeDebris = input.includeDebris ?? true;
	if (!Number.isSafeInteger(input.passCount) || input.passCount < 0)
		throw new RangeError(`bad pass count ${input.passCount}`);
	const depositFen = includeDeposit ? s.depositFen : 0;
	const debrisFen = includeDebris ? areaFee(s.debrisRateFenPerM2, input.buildingAreaCenti) : 0;
	const wallDebrisFen = includeDebris ? areaFee(s.wallDebrisRateFenPerM2, input.wallAreaCenti) : 0;
	const lines: QuoteLine[] = [];
	if (depositFen > 0)
		lines.push({ itemCode: ITEM.renovationDeposit, kind: 'deposit', amountFen: depositFen });
	for (let i = 0; i < input.passCount; i++) {
		if (s.passDepositFen > 0)
			lines.push({
				itemCode: ITEM.passDeposit,
				kind: 'deposit',
				amountFen: s.passDepositFen,
				passIndex: i
			});
		if (s.passCardFeeFen > 0)
			lines.push({
				itemCode: ITEM.passCardFee,
				kind: 'charge',
				amountFen: s.passCardFeeFen,
				passIndex: i
			});
	}
	if (debrisFen > 0) lines.push({ itemCode: ITEM.debrisFee, kind: 'charge', amountFen: debrisFen });
	if (wallDebrisFen > 0)
		lines.push({ itemCode: ITEM.wallDebrisFee, kind: 'charge', amountFen: wallDebrisFen });
	const passDepositFen = s.passDepositFen * input.passCount;
	const passCardFeeFen = s.passCardFeeFen * input.passCount;
	return {
		depositFen,
		debrisFen,
		debrisRateFenPerM2: s.debrisRateFenPerM2,
		buildingAreaCenti: input.buildingAreaCenti,
		wallDebrisFen,
		wallDebrisRateFenPerM2: s.wallDebrisRateFenPerM2,
		wallAreaCenti: input.wallAreaCenti,
		passCount: input.passCount,
		passDepositFen,
		passCardFeeFen,
		passDepositEachFen: s.passDepositFen,
		passCardFeeEachFen: s.passCardFeeFen,
		totalFen: depositFen + debrisFen + wallDebrisFen + passDepositFen + passCardFeeFen,
		lines
	};
}

// ---------------------------------------------------------------- deposit settlement

export interface Deduction {
	description: string;
	amountFen: number;
}

export const MAX_DEDUCTIONS = 20;

export type SettlementError =
	| 'nothing_held'
	| 'deduction_description'
	| 'deduction_amount'
	| 'deduction_above_deposit'
	| 'too_many_deductions';

/**
 * Refund of the renovation deposit after a passed inspection: what is held minus itemised
 * deductions for damage to common parts. Deductions never exceed the deposit; a deduction of
 * the whole deposit leaves a refund of zero.
 */
export function planDepositRefund(
	heldFen: number,
	deductions: readonly Deduction[]
):
	| { ok: true; refundFen: number; deductedFen: number }
	| { ok: false; error: SettlementError; index?: number } {
	if (!Number.isSafeInteger(heldFen) || heldFen <= 0) return { ok: false, error: 'nothing_held' };
	if (deductions.length > MAX_DEDUCTIONS) return { ok: false, error: 'too_many_deductions' };
	let deductedFen = 0;
	for (const [index, d] of deductions.entries()) {
		if (!d.description.trim()) return { ok: false, error: 'deduction_description', index };
		if (!Number.isSafeInteger(d.amountFen) || d.amountFen <= 0)
			return { ok: false, error: 'deduction_amount', index };
		deductedFen += d.amountFen;
		if (deductedFen > heldFen) return { ok: false, error: 'deduction_above_deposit', index };
	}
	return { ok: true, refundFen: heldFen - deductedFen, deductedFen };
}

/**
 * A worker pass's deposit: refunded when the pass comes back, or after it expired (against the
 * receipt); a lost pass keeps the deposit when the community's setting says so.
 */
export function planPassRefund(
	outcome: 'returned' | 'expired' | 'lost',
	heldFen: number,
	lostPassKeepsDeposit: boolean,
	expiresOn: string,
	today: string
):
	| { ok: true; refundFen: number; deductedFen: number }
	| { ok: false; error: 'nothing_held' | 'not_expired' } {
	if (!Number.isSafeInteger(heldFen) || heldFen < 0) return { ok: false, error: 'nothing_held' };
	if (outcome === 'expired' && today <= expiresOn) return { ok: false, error: 'not_expired' };
	if (outcome === 'lost' && lostPassKeepsDeposit)
		return { ok: true, refundFen: 0, deductedFen: heldFen };
	return { ok: true, refundFen: heldFen, deductedFen: 0 };
}
