// The fee-item, price-list and charge forms as zod schemas. Routes only (uses Paraglide); scripts
// and tests import the charges area through index.ts, which does not export this file.
import { z } from 'zod';
import { m } from '$lib/paraglide/messages.js';
import { checkbox } from '$lib/server/forms';
import { amountMessage, yuanPositive } from '$lib/server/ledger/forms';
import { parseFenPositive, parseYuanPositive } from '$lib/money';
import {
	optionalId,
	orEmpty,
	rateFromMonth,
	required,
	rowId,
	sortOrder,
	text
} from '$lib/server/form-fields';
import { MAX_RATE_FEN } from '$lib/domain/billing';
import { MAX_CHARGE_QUANTITY } from '$lib/domain/fee-items';
import { FEE_BASES, FEE_SCOPES } from '$lib/server/db/schema';

/** A list typed with commas, full-width commas or spaces: "1, 2，3" → ['1','2','3']. */
const list = (max: number, each: number) =>
	z.preprocess(
		orEmpty,
		z
			.string()
			.max(max)
			.transform((s) => [...new Set(s.split(/[\s,，、;；]+/).filter(Boolean))])
			.refine((a) => a.every((x) => x.length <= each), { error: () => m.validation_invalid() })
	);

/** A price in yuan: positive, two decimals at most, at most MAX_RATE_FEN. */
const price = yuanPositive.pipe(
	z.number().refine((fen) => fen <= MAX_RATE_FEN, { error: () => m.charges_price_too_large() })
);
/** The same, or empty (no listed price / use the item's price). */
const optionalPrice = z.preprocess(
	orEmpty,
	z.string().transform((s, ctx) => {
		if (s.trim() === '') return null;
		const r = parseYuanPositive(s);
		if (!r.ok) {
			ctx.addIssue({ code: 'custom', message: amountMessage(r.error) });
			return z.NEVER;
		}
		if (r.fen > MAX_RATE_FEN) {
			ctx.addIssue({ code: 'custom', message: m.charges_price_too_large() });
			return z.NEVER;
		}
		return r.fen;
	})
);

const scopeFields = {
	appliesTo: z.preprocess(orEmpty, z.enum(FEE_SCOPES, { error: () => m.validation_invalid() })),
	buildings: list(500, 20),
	units: list(5000, 30)
};

type ScopeValue = { appliesTo: (typeof FEE_SCOPES)[number]; buildings: string[]; units: string[] };
/** A scope by building or by unit names at least one. */
function checkScope(v: ScopeValue, ctx: z.RefinementCtx) {
	if (v.appliesTo === 'buildings' && v.buildings.length === 0)
		ctx.addIssue({
			code: 'custom',
			message: m.charges_scope_buildings_missing(),
			path: ['buildings']
		});
	if (v.appliesTo === 'units' && v.units.length === 0)
		ctx.addIssue({ code: 'custom', message: m.charges_scope_units_missing(), path: ['units'] });
}

/** A new fee item with its first rate (from this month or later). */
export function feeItemSchema(currentMonth: string) {
	return z
		.object({
			code: z.preprocess(
				orEmpty,
				z
					.string()
					.trim()
					.refine((s) => s === '' || /^[a-z][a-z0-9_]{1,39}$/.test(s), {
						error: () => m.charges_code_invalid()
					})
			),
			nameZh: required(40),
			nameEn: text(80),
			basis: z.preprocess(orEmpty, z.enum(FEE_BASES, { error: () => m.validation_invalid() })),
			vacancy: checkbox,
			lateFee: checkbox,
			...scopeFields,
			rate: price,
			from: rateFromMonth(currentMonth)
		})
		.superRefine(checkScope);
}

/** Names, flags and scope of an existing item. */
export const feeItemEditSchema = z
	.object({
		item: rowId,
		nameZh: required(40),
		nameEn: text(80),
		vacancy: checkbox,
		lateFee: checkbox,
		...scopeFields
	})
	.superRefine(checkScope);

/** A line of the paid-services price list (`id` when editing). */
export const paidServiceSchema = z.object({
	id: optionalId,
	nameZh: required(60),
	nameEn: text(100),
	unitZh: required(10),
	unitEn: text(20),
	price: optionalPrice,
	noteZh: text(100),
	noteEn: text(200),
	active: checkbox,
	sort: sortOrder
});

/** A one-off charge at the counter: review (no expected amount) and raise (with it). */
export function chargeSchema(withExpected: boolean) {
	return z.object({
		unit: required(30),
		choice: z.preprocess(
			orEmpty,
			z
				.string()
				.refine((s) => /^(item|service):\d{1,9}$/.test(s), {
					error: () => m.charges_choice_missing()
				})
				.transform((s) => {
					const [kind, id] = s.split(':');
					return kind === 'item'
						? { kind: 'item' as const, feeItemId: Number(id) }
						: { kind: 'service' as const, serviceId: Number(id) };
				})
		),
		quantity: z.preprocess(
			orEmpty,
			z
				.string()
				.trim()
				.refine(
					(s) =>
						s === '' || (/^\d{1,3}$/.test(s) && Number(s) >= 1 && Number(s) <= MAX_CHARGE_QUANTITY),
					{
						error: () => m.charges_quantity_invalid({ max: MAX_CHARGE_QUANTITY })
					}
				)
				.transform((s) => (s === '' ? 1 : Number(s)))
		),
		price: optionalPrice,
		note: text(200),
		key: z.preprocess(
			orEmpty,
			z.string().refine((s) => /^[\w-]{8,100}$/.test(s), { error: () => m.charges_form_stale() })
		),
		expected: withExpected
			? z.preprocess(
					orEmpty,
					z.string().transform((s, ctx) => {
						const r = parseFenPositive(s);
						if (r.ok) return r.fen;
						ctx.addIssue({ code: 'custom', message: m.charges_form_stale() });
						return z.NEVER;
					})
				)
			: z
					.unknown()
					.optional()
					.transform(() => undefined)
	});
}

export type ChargeForm = z.infer<ReturnType<typeof chargeSchema>>;
