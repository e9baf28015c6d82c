import { z } from 'zod';
import { m } from '$lib/paraglide/messages.js';
import { parseYuanPositive } from '../../money';
import type { PaymentMethod } from '../db/schema';
import { parseForm, type Parsed } from '../forms';

/*
 * The payment-method part of every money-taking form (fees, renovation, move-in) as zod schemas:
 * a discriminated union on `method`, so each method names exactly the fields it needs. One
 * definition, so every counter form accepts and refuses the same things with the same messages.
 */

export const MAX_REF_LENGTH = 100;

/** The translated message for a refused amount (shared by every money input). */
export function amountMessage(error: string): string {
	switch (error) {
		case 'empty':
			return m.ledger_amount_empty();
		case 'negative':
			return m.ledger_amount_negative();
		case 'zero':
			return m.ledger_amount_zero();
		case 'too_many_decimals':
			return m.ledger_amount_decimals();
		case 'too_large':
			return m.ledger_amount_too_large();
		default:
			return m.ledger_amount_invalid();
	}
}

/** A field the form did not send reads as empty (its own message then, not "invalid type"). */
const orEmpty = (v: unknown) => (v === undefined || v === null ? '' : v);

/** A positive yuan amount as typed at the counter, parsed to fen by money.ts (never parseFloat). */
export const yuanPositive = z.preprocess(
	orEmpty,
	z.string().transform((s, ctx) => {
		const r = parseYuanPositive(s);
		if (r.ok) return r.fen;
		ctx.addIssue({ code: 'custom', message: amountMessage(r.error) });
		return z.NEVER;
	})
);

/** A reference-like text a method does not use: ignored, but still capped. */
const unused = z.preprocess(orEmpty, z.string().trim().max(MAX_REF_LENGTH));
const requiredText = (message: () => string) =>
	z.preprocess(
		orEmpty,
		z
			.string()
			.trim()
			.max(MAX_REF_LENGTH)
			.refine((s) => s.length > 0, { error: message })
	);
const reference = requiredText(() => m.ledger_ref_required());
const bank = requiredText(() => m.ledger_bank_required());

export interface MethodValue {
	method: PaymentMethod;
	tenderedFen: number | null;
	methodRef: string;
	bank: string;
}

/**
 * The method fields as a discriminated union on `method`: cash needs the amount received,
 * a transfer its bank and reference, every other method a reference (`methodRef`).
 */
const withRef = <M extends Exclude<PaymentMethod, 'cash' | 'transfer'>>(method: M) =>
	z
		.object({ method: z.literal(method), bank: unused, methodRef: reference })
		.transform((v): MethodValue => ({
			method,
			tenderedFen: null,
			methodRef: v.methodRef,
			bank: ''
		}));

export const methodSchema = z.discriminatedUnion(
	'method',
	[
		z
			.object({
				method: z.literal('cash'),
				tendered: yuanPositive,
				methodRef: unused,
				bank: unused
			})
			.transform((v): MethodValue => ({
				method: 'cash',
				tenderedFen: v.tendered,
				methodRef: '',
				bank: ''
			})),
		withRef('cheque'),
		withRef('card'),
		z
			.object({ method: z.literal('transfer'), bank, methodRef: reference })
			.transform((v): MethodValue => ({
				method: 'transfer',
				tenderedFen: null,
				methodRef: v.methodRef,
				bank: v.bank
			})),
		withRef('wechat'),
		withRef('alipay')
	],
	{ error: () => m.ledger_method_required() }
);

/** The one-time key every money-taking form carries; a bad one means the page is stale. */
export const IDEM = /^[0-9a-f-]{36}$/i;

/**
 * Checks that belong to the whole form (answered under `_form`). The object itself never
 * fails, so the check runs even when other fields are refused.
 */
const idemPart = z.object({ idem: z.unknown().optional() }).transform((v, ctx) => {
	if (typeof v.idem !== 'string' || !IDEM.test(v.idem))
		ctx.addIssue({ code: 'custom', message: m.form_stale(), path: ['_form'] });
	return { idempotencyKey: String(v.idem ?? '') };
});

/** The method part of the renovation and move-in forms: method fields, `payerName`, `idem`. */
export const methodFieldsSchema = z.intersection(
	z.intersection(
		methodSchema,
		z.object({ payerName: z.preprocess(orEmpty, z.string().trim().max(100)) })
	),
	idemPart
);

export type MethodFields = MethodValue & { payerName: string; idempotencyKey: string };

/** Reads the payment-method part of a counter form (see methodFieldsSchema). */
export function parseMethodFields(form: FormData): Parsed<MethodFields> {
	return parseForm(methodFieldsSchema, form);
}
