/**
 * The account map (科目对照), effective-dated like the priced settings (domain/settings.ts): each
 * change is an insert-only row in force from its date, never before today, so a voucher for a past
 * day always reads the map that day had.
 */
import { asc, desc, eq } from 'drizzle-orm';
import { tx, type Db } from '../db';
import { accountMapChanges, feeItems, staffUsers } from '../db/schema';
import { auditBy } from '../audit';
import { nowMs } from '../clock';
import { communityToday, getCommunity } from '../community';
import { nextChange } from '../../domain/settings';
import {
	accountOn,
	FIXED_ACCOUNT_KEYS,
	itemIncomeKey,
	type Account,
	type AccountChange
} from '../../domain/voucher';
import { ITEM, ITEM_NAME_EN, ITEM_NAME_ZH } from '../../domain/renovation-fees';
import type { Actor } from '../auth/actor';
import { VoucherError } from './errors';

/** Every recorded change of the community's map, in the order they take effect. */
export function accountChanges(db: Db, communityId: number): AccountChange[] {
	return db
		.select({
			id: accountMapChanges.id,
			key: accountMapChanges.key,
			code: accountMapChanges.accountCode,
			name: accountMapChanges.accountName,
			from: accountMapChanges.effectiveFrom
		})
		.from(accountMapChanges)
		.where(eq(accountMapChanges.communityId, communityId))
		.orderBy(asc(accountMapChanges.effectiveFrom), asc(accountMapChanges.id))
		.all()
		.map((r) => ({ id: r.id, key: r.key, from: r.from, value: { code: r.code, name: r.name } }));
}

export interface IncomeItem {
	code: string;
	nameZh: string;
	nameEn: string;
}

/** Items that may have their own income account: the fee items, then the renovation charges. */
export function incomeItems(db: Db, communityId: number): IncomeItem[] {
	const fees = db
		.select({ code: feeItems.code, nameZh: feeItems.nameZh, nameEn: feeItems.nameEn })
		.from(feeItems)
		.where(eq(feeItems.communityId, communityId))
		.orderBy(asc(feeItems.sort), asc(feeItems.id))
		.all();
	const charges = [ITEM.debrisFee, ITEM.wallDebrisFee, ITEM.passCardFee].map((code) => ({
		code,
		nameZh: ITEM_NAME_ZH[code],
		nameEn: ITEM_NAME_EN[code]
	}));
	return [...fees, ...charges.filter((c) => !fees.some((f) => f.code === c.code))];
}

/** The keys the map may hold for this community: the fixed roles and one income role per item. */
export function accountKeys(db: Db, communityId: number): string[] {
	return [...FIXED_ACCOUNT_KEYS, ...incomeItems(db, communityId).map((i) => itemIncomeKey(i.code))];
}

export interface AccountRow {
	key: string;
	/** In force today; null = unmapped. */
	current: Account | null;
	next: { account: Account | null; from: string } | null;
	history: { account: Account; from: string; by: string | null; at: number }[];
}

/** For the admin page: per role, today's account, the next scheduled change and the history. */
export function accountMap(db: Db, communityId: number, today: string): AccountRow[] {
	const changes = accountChanges(db, communityId);
	const rows = db
		.select({
			key: accountMapChanges.key,
			code: accountMapChanges.accountCode,
			name: accountMapChanges.accountName,
			from: accountMapChanges.effectiveFrom,
			by: staffUsers.displayName,
			at: accountMapChanges.createdAt
		})
		.from(accountMapChanges)
		.leftJoin(staffUsers, eq(staffUsers.id, accountMapChanges.createdBy))
		.where(eq(accountMapChanges.communityId, communityId))
		.orderBy(desc(accountMapChanges.effectiveFrom), desc(accountMapChanges.id))
		.all();
	return accountKeys(db, communityId).map((key) => {
		const next = nextChange(changes, key, today, null);
		return {
			key,
			current: accountOn(changes, key, today),
			next: next ? { account: next.value, from: next.from } : null,
			history: rows
				.filter((r) => r.key === key)
				.map((r) => ({ account: { code: r.code, name: r.name }, from: r.from, by: r.by, at: r.at }))
		};
	});
}

export interface AccountInput {
	key: string;
	code: string;
	name: string;
	from: string;
}

/** Books `key` to the account from `from` (today or later) on. One transaction, audited. */
export function setAccount(db: Db, actor: Actor, input: AccountInput, now = nowMs()): void {
	const today = communityToday(getCommunity(db, actor.communityId), new Date(now));
	if (!accountKeys(db, actor.communityId).includes(input.key))
		throw new VoucherError('unknown_key', { key: input.key });
	if (input.from < today) throw new VoucherError('backdated', { today });
	tx(db, () => {
		const { id } = db
			.insert(accountMapChanges)
			.values({
				communityId: actor.communityId,
				key: input.key,
				accountCode: input.code,
				accountName: input.name,
				effectiveFrom: input.from,
				createdBy: actor.id,
				createdAt: now
			})
			.returning({ id: accountMapChanges.id })
			.get();
		auditBy(
			db,
			actor,
			{
				action: 'voucher.account_map',
				targetType: 'account_map_change',
				targetId: id,
				detail: { ...input }
			},
			now
		);
	});
}
