/**
 * Staff in several communities (issue 22), pure. A staff account has a home community and role
 * (staff_users); a company admin may give it roles in other communities (staff_memberships). The
 * session carries the community the user works in now; everything else reads that one. Head
 * office belongs to no community in particular: it may look at every one, and act in none.
 */
/** A community's roles and an account's (as in db/schema/core.ts ROLES and STAFF_ROLES). */
type Role = 'clerk' | 'manager' | 'admin';
type StaffRole = Role | 'head_office';

export interface Membership {
	communityId: number;
	role: Role;
}

export interface StaffAccount {
	communityId: number;
	role: StaffRole;
}

/** The current community and the role in it. */
export interface Current {
	communityId: number;
	role: StaffRole;
}

/** Every community the account may work in, home first, each once (a row for home is ignored). */
export function membershipsOf(account: StaffAccount, extra: readonly Membership[]): Current[] {
	const out: Current[] = [{ communityId: account.communityId, role: account.role }];
	if (account.role === 'head_office') return out;
	for (const m of [...extra].sort((a, b) => a.communityId - b.communityId))
		if (!out.some((o) => o.communityId === m.communityId)) out.push(m);
	return out;
}

export type SwitchRefusal = 'unknown_community' | 'not_member';

/**
 * Why the account may not work in `target` (null: it may). Head office may open any community
 * that exists; everyone else only their home and their memberships.
 */
export function switchRefusal(
	account: StaffAccount,
	extra: readonly Membership[],
	target: number,
	communityIds: readonly number[]
): SwitchRefusal | null {
	if (!communityIds.includes(target)) return 'unknown_community';
	if (account.role === 'head_office') return null;
	return membershipsOf(account, extra).some((m) => m.communityId === target) ? null : 'not_member';
}

/**
 * The session's community and role: the one chosen when the account may still work there (a
 * membership ended since, or a community gone, falls back to home), else home.
 */
export function currentOf(
	account: StaffAccount,
	extra: readonly Membership[],
	chosen: number | null,
	communityIds: readonly number[]
): Current {
	const home = { communityId: account.communityId, role: account.role };
	if (chosen === null || chosen === account.communityId) return home;
	if (switchRefusal(account, extra, chosen, communityIds)) return home;
	if (account.role === 'head_office') return { communityId: chosen, role: 'head_office' };
	return membershipsOf(account, extra).find((m) => m.communityId === chosen) ?? home;
}

/** Why a membership may not be given (null: it may). Home is changed on the staff page instead. */
export function grantRefusal(
	account: StaffAccount & { active: boolean },
	communityId: number,
	communityIds: readonly number[]
): 'unknown_community' | 'home_community' | 'head_office' | 'inactive' | null {
	if (!communityIds.includes(communityId)) return 'unknown_community';
	if (!account.active) return 'inactive';
	if (account.role === 'head_office') return 'head_office';
	if (account.communityId === communityId) return 'home_community';
	return null;
}
