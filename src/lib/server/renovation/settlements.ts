import { and, asc, eq, isNotNull } from 'drizzle-orm';
import { join } from 'node:path';
import { tx, type Db } from '../db';
import {
	depositSettlementLines,
	depositSettlements,
	renovationPasses,
	renovations,
	staffUsers,
	units,
	type PaymentMethod
} from '../db/schema';
import { getCommunity } from '../community';
import {
	planDepositRefund,
	planPassRefund,
	ITEM,
	type Deduction
} from '../../domain/renovation-fees';
import { checkTransition, type PassOutcome } from '../../domain/renovation';
import { RenovationError } from './errors';
import { requireCashShift } from '../shifts/open';
import { nextVoucher } from './numbers';
import { recordEvent, renovationDepositHeld, todayOf, type Actor } from './applications';
import { depositTaken, ledgerLinesOf, renovationOf, REF_PASS } from './records';
import {
	checkPhotos,
	discardPhotos,
	readPhotoFile,
	uploadsRoot,
	writePhotos,
	type CheckedPhoto,
	type PhotoUpload
} from '../uploads/photos';

/*
 * Deposits are liabilities (DOMAIN.md §4): giving one back — or keeping part of it — is a
 * deposit settlement with its own consecutive voucher number (退款凭证 TK-YYYY-NNNNNN) and lines
 * (`refund` paid out, `deduction` kept). Insert-only; a deposit is settled once.
 */

export interface RefundInput {
	/** How the refund is paid out (null only when nothing is refunded). */
	method: PaymentMethod | null;
	methodRef: string;
	payeeName: string;
	idempotencyKey: string;
}

export interface Settled {
	settlementId: number;
	voucherNo: string;
	refundFen: number;
	deductedFen: number;
	replayed: boolean;
}

function replayOf(db: Db, key: string, renovationId: number): Settled | null {
	const s = db
		.select()
		.from(depositSettlements)
		.where(eq(depositSettlements.idempotencyKey, key))
		.get();
	if (!s) return null;
	if (s.renovationId !== renovationId) throw new RenovationError('stale_form');
	return {
		settlementId: s.id,
		voucherNo: s.voucherNo,
		refundFen: s.refundFen,
		deductedFen: s.deductedFen,
		replayed: true
	};
}

function checkRefundMethod(refundFen: number, m: RefundInput): void {
	if (refundFen === 0) return;
	if (!m.method) throw new RenovationError('refund_method_required');
	if (m.method !== 'cash' && !m.methodRef.trim()) throw new RenovationError('refund_ref_required');
}

interface VoucherLine {
	kind: 'refund' | 'deduction';
	itemCode: string;
	description: string;
	amountFen: number;
	photoFileName?: string;
	photoMime?: string;
	photoSize?: number;
	photoSha256?: string;
}

/** Deduction photos live in uploads/renovation. */
export function deductionPhotoDir(root = uploadsRoot()): string {
	return join(root, 'renovation');
}

/** A deduction as the clerk types it, with at most one photo of the damage. */
export interface DeductionInput extends Deduction {
	photos?: PhotoUpload[];
}

/** Each deduction's photo, checked (by bytes) before anything is written; a bad one refuses the whole settlement. */
function checkDeductionPhotos(deductions: readonly DeductionInput[]): (CheckedPhoto | null)[] {
	return deductions.map((d, i) => {
		const c = checkPhotos(d.photos ?? [], 1);
		if (!c.ok) {
			const { code, ...detail } = c.error;
			throw new RenovationError(`deduction_${code}`, { ...detail, row: i + 1 });
		}
		return c.photos[0] ?? null;
	});
}

function writeSettlement(
	db: Db,
	actor: Actor,
	v: {
		subject: 'renovation_deposit' | 'pass_deposit';
		renovationId: number;
		unitId: number;
		passId?: number;
		passOutcome?: PassOutcome;
		originalReceiptNo: string;
		refund: RefundInput;
		refundFen: number;
		deductedFen: number;
		lines: VoucherLine[];
		today: string;
		now: number;
	}
): { id: number; voucherNo: string } {
	// Cash paid out comes from the cashier's drawer: it belongs to their open shift.
	if (v.refundFen > 0 && v.refund.method === 'cash')
		requireCashShift(db, actor.communityId, actor.id, v.now);
	const { voucherNo, seq } = nextVoucher(db, actor.communityId, Number(v.today.slice(0, 4)));
	const row = db
		.insert(depositSettlements)
		.values({
			communityId: actor.communityId,
			voucherNo,
			voucherYear: Number(v.today.slice(0, 4)),
			voucherSeq: seq,
			subject: v.subject,
			renovationId: v.renovationId,
			passId: v.passId ?? null,
			passOutcome: v.passOutcome ?? null,
			unitId: v.unitId,
			originalReceiptNo: v.originalReceiptNo,
			payeeName: v.refund.payeeName.trim(),
			method: v.refundFen > 0 ? v.refund.method : null,
			methodRef: v.refundFen > 0 ? v.refund.methodRef.trim() : '',
			refundFen: v.refundFen,
			deductedFen: v.deductedFen,
			staffId: actor.id,
			idempotencyKey: v.refund.idempotencyKey,
			localDate: v.today,
			createdAt: v.now
		})
		.returning({ id: depositSettlements.id })
		.get();
	if (v.lines.length)
		db.insert(depositSettlementLines)
			.values(v.lines.map((l) => ({ settlementId: row.id, ...l })))
			.run();
	return { id: row.id, voucherNo };
}

/**
 * Refund of the renovation deposit after a passed inspection, minus itemised deductions
 * (never above what is held). Moves the application to deposit_settled.
 */
export function settleDeposit(
	db: Db,
	actor: Actor,
	input: { renovationId: number; deductions: DeductionInput[]; refund: RefundInput },
	now: number,
	opts: { photoDir?: string } = {}
): Settled {
	// Photos: checked first, written before the transaction (no file I/O under the write lock),
	// removed again when the transaction refuses or fails, or the submit was a replay.
	const photos = checkDeductionPhotos(input.deductions);
	const dir = opts.photoDir ?? deductionPhotoDir();
	const rows = photos.flatMap((photo, row) => (photo ? [{ row, photo }] : []));
	const files = writePhotos(
		rows.map((r) => r.photo),
		dir
	);
	const fileOf = new Map(rows.map((r, k) => [r.row, { photo: r.photo, fileName: files[k] }]));
	try {
		const settled = settleDepositTx(db, actor, input, now, fileOf);
		if (settled.replayed) discardPhotos(files, dir);
		return settled;
	} catch (e) {
		discardPhotos(files, dir);
		throw e;
	}
}

function settleDepositTx(
	db: Db,
	actor: Actor,
	input: { renovationId: number; deductions: Deduction[]; refund: RefundInput },
	now: number,
	fileOf: Map<number, { photo: CheckedPhoto; fileName: string }>
): Settled {
	return tx(db, () => {
		const r = renovationOf(db, actor.communityId, input.renovationId);
		if (!r) throw new RenovationError('not_found');
		const replay = replayOf(db, input.refund.idempotencyKey, r.id);
		if (replay) return replay;
		if (r.state === 'deposit_settled' || r.state === 'closed')
			throw new RenovationError('already_settled');
		const t = checkTransition(r.state, 'settle_deposit', { role: actor.role });
		if (!t.ok)
			throw new RenovationError(
				t.error === 'illegal_transition' ? 'refund_before_inspection' : t.error
			);
		const held = renovationDepositHeld(db, r);
		if (!held.receiptNo || held.heldFen <= 0) throw new RenovationError('nothing_held');
		const plan = planDepositRefund(held.heldFen, input.deductions);
		if (!plan.ok)
			throw new RenovationError(plan.error, {
				row: (plan.index ?? 0) + 1,
				depositFen: held.heldFen
			});
		checkRefundMethod(plan.refundFen, input.refund);
		const today = todayOf(db, actor.communityId, now);
		const lines: VoucherLine[] = input.deductions.map((d, i) => {
			const f = fileOf.get(i);
			const photo = f
				? {
						photoFileName: f.fileName,
						photoMime: f.photo.mime,
						photoSize: f.photo.size,
						photoSha256: f.photo.sha256
					}
				: {};
			return {
				kind: 'deduction',
				itemCode: ITEM.renovationDeposit,
				description: d.description.trim(),
				amountFen: d.amountFen,
				...photo
			};
		});
		if (plan.refundFen > 0)
			lines.unshift({
				kind: 'refund',
				itemCode: ITEM.renovationDeposit,
				description: '退还装修保证金',
				amountFen: plan.refundFen
			});
		const v = writeSettlement(db, actor, {
			subject: 'renovation_deposit',
			renovationId: r.id,
			unitId: r.unitId,
			originalReceiptNo: held.receiptNo,
			refund: { ...input.refund, payeeName: input.refund.payeeName.trim() || r.applicantName },
			refundFen: plan.refundFen,
			deductedFen: plan.deductedFen,
			lines,
			today,
			now
		});
		recordEvent(db, {
			renovation: r,
			action: 'settle_deposit',
			to: t.to,
			actorId: actor.id,
			now,
			localDate: today,
			detail: {
				voucherNo: v.voucherNo,
				refundFen: plan.refundFen,
				deductedFen: plan.deductedFen,
				...(fileOf.size ? { photos: fileOf.size } : {})
			}
		});
		return {
			settlementId: v.id,
			voucherNo: v.voucherNo,
			refundFen: plan.refundFen,
			deductedFen: plan.deductedFen,
			replayed: false
		};
	});
}

const PASS_LINE: Record<PassOutcome, string> = {
	returned: '退还临时出入证押金（交回出入证）',
	expired: '退还临时出入证押金（出入证已到期）',
	lost: '临时出入证遗失，押金不予退还'
};

/**
 * A worker pass comes back (or has expired, or was lost): its deposit is refunded, or kept for a
 * lost pass when the community's setting says so. One settlement per pass.
 */
export function settlePass(
	db: Db,
	actor: Actor,
	input: { passId: number; outcome: PassOutcome; refund: RefundInput },
	now: number
): Settled {
	return tx(db, () => {
		const pass = db
			.select()
			.from(renovationPasses)
			.where(
				and(
					eq(renovationPasses.communityId, actor.communityId),
					eq(renovationPasses.id, input.passId)
				)
			)
			.get();
		if (!pass) throw new RenovationError('pass_not_found');
		const r = renovationOf(db, actor.communityId, pass.renovationId)!;
		const replay = replayOf(db, input.refund.idempotencyKey, r.id);
		if (replay) return replay;
		if (
			db
				.select({ id: depositSettlements.id })
				.from(depositSettlements)
				.where(eq(depositSettlements.passId, pass.id))
				.get()
		) {
			throw new RenovationError('pass_already_settled', { passNo: pass.passNo });
		}
		const today = todayOf(db, actor.communityId, now);
		const taken = depositTaken(
			ledgerLinesOf(db, r.id, [pass.id]),
			ITEM.passDeposit,
			REF_PASS,
			pass.id
		);
		const keeps = getCommunity(db, actor.communityId).settings.renovation.lostPassKeepsDeposit;
		const plan = planPassRefund(input.outcome, taken.fen, keeps, pass.expiresOn, today);
		if (!plan.ok)
			throw new RenovationError(plan.error, { passNo: pass.passNo, expiresOn: pass.expiresOn });
		checkRefundMethod(plan.refundFen, input.refund);
		const lines: VoucherLine[] = [];
		if (plan.refundFen > 0)
			lines.push({
				kind: 'refund',
				itemCode: ITEM.passDeposit,
				description: `${PASS_LINE[input.outcome]} ${pass.passNo} ${pass.workerName}`,
				amountFen: plan.refundFen
			});
		if (plan.deductedFen > 0)
			lines.push({
				kind: 'deduction',
				itemCode: ITEM.passDeposit,
				description: `${PASS_LINE.lost} ${pass.passNo} ${pass.workerName}`,
				amountFen: plan.deductedFen
			});
		const v = writeSettlement(db, actor, {
			subject: 'pass_deposit',
			renovationId: r.id,
			unitId: r.unitId,
			passId: pass.id,
			passOutcome: input.outcome,
			originalReceiptNo: taken.receiptNo ?? '',
			refund: { ...input.refund, payeeName: input.refund.payeeName.trim() || pass.workerName },
			refundFen: plan.refundFen,
			deductedFen: plan.deductedFen,
			lines,
			today,
			now
		});
		recordEvent(db, {
			renovation: r,
			action: 'pass_settle',
			to: r.state,
			actorId: actor.id,
			now,
			localDate: today,
			detail: {
				passNo: pass.passNo,
				outcome: input.outcome,
				voucherNo: v.voucherNo,
				refundFen: plan.refundFen,
				deductedFen: plan.deductedFen
			}
		});
		return {
			settlementId: v.id,
			voucherNo: v.voucherNo,
			refundFen: plan.refundFen,
			deductedFen: plan.deductedFen,
			replayed: false
		};
	});
}

export interface VoucherRecord {
	settlement: typeof depositSettlements.$inferSelect;
	lines: (typeof depositSettlementLines.$inferSelect)[];
	appNo: string;
	unitCode: string;
	pass: { passNo: string; workerName: string } | null;
	staff: { displayName: string; workNo: string };
}

/** A voucher with what the printed 退款凭证 shows. */
export function voucherByNo(db: Db, communityId: number, voucherNo: string): VoucherRecord | null {
	const s = db
		.select()
		.from(depositSettlements)
		.where(
			and(
				eq(depositSettlements.communityId, communityId),
				eq(depositSettlements.voucherNo, voucherNo)
			)
		)
		.get();
	if (!s) return null;
	const lines = db
		.select()
		.from(depositSettlementLines)
		.where(eq(depositSettlementLines.settlementId, s.id))
		.orderBy(asc(depositSettlementLines.id))
		.all();
	const r = db
		.select({ appNo: renovations.appNo })
		.from(renovations)
		.where(eq(renovations.id, s.renovationId))
		.get()!;
	const unit = db.select({ code: units.code }).from(units).where(eq(units.id, s.unitId)).get()!;
	const pass = s.passId
		? db
				.select({ passNo: renovationPasses.passNo, workerName: renovationPasses.workerName })
				.from(renovationPasses)
				.where(eq(renovationPasses.id, s.passId))
				.get()!
		: null;
	const staff = db
		.select({ displayName: staffUsers.displayName, workNo: staffUsers.workNo })
		.from(staffUsers)
		.where(eq(staffUsers.id, s.staffId))
		.get()!;
	return { settlement: s, lines, appNo: r.appNo, unitCode: unit.code, pass, staff };
}

/** A deduction's photo, for staff of the community, through the application it belongs to (the route checks the sign-in). */
export function readDeductionPhoto(
	db: Db,
	communityId: number,
	renovationId: number,
	lineId: number,
	dir = deductionPhotoDir()
): { bytes: Buffer; mime: string } | null {
	const line = db
		.select({
			fileName: depositSettlementLines.photoFileName,
			mime: depositSettlementLines.photoMime
		})
		.from(depositSettlementLines)
		.innerJoin(depositSettlements, eq(depositSettlements.id, depositSettlementLines.settlementId))
		.where(
			and(
				eq(depositSettlementLines.id, lineId),
				eq(depositSettlements.communityId, communityId),
				eq(depositSettlements.renovationId, renovationId),
				isNotNull(depositSettlementLines.photoFileName)
			)
		)
		.get();
	if (!line?.fileName || !line.mime) return null;
	const bytes = readPhotoFile(line.fileName, dir);
	return bytes ? { bytes, mime: line.mime } : null;
}
