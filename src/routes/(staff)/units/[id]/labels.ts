// Labels of the unit file's codes, in the page's language.
import { m } from '$lib/paraglide/messages.js';

const label =
	(table: Record<string, () => string>) =>
	(code: string): string =>
		table[code]?.() ?? code;

export const tieRoleLabel = label({
	owner: () => m.unitfile_role_owner(),
	co_owner: () => m.unitfile_role_co_owner(),
	household: () => m.unitfile_role_household(),
	tenant: () => m.unitfile_role_tenant(),
	emergency: () => m.unitfile_role_emergency(),
	resident: () => m.unitfile_role_resident(),
	authorised: () => m.unitfile_role_authorised()
});

export const holdingLabel = label({
	owned: () => m.unitfile_holding_owned(),
	rented: () => m.unitfile_holding_rented()
});

export const useLabel = label({
	residential: () => m.unitfile_use_residential(),
	commercial: () => m.unitfile_use_commercial(),
	office: () => m.unitfile_use_office(),
	storage: () => m.unitfile_use_storage(),
	other: () => m.unitfile_use_other()
});

export const purposeLabel = label({
	fees: () => m.unitfile_purpose_fees(),
	renovation: () => m.unitfile_purpose_renovation(),
	movein: () => m.unitfile_purpose_movein(),
	other: () => m.unitfile_purpose_other()
});

export const depositLabel = label({
	renovation_deposit: () => m.unitfile_deposit_renovation_deposit(),
	pass_deposit: () => m.unitfile_deposit_pass_deposit()
});

export const moveInStatusLabel = label({
	open: () => m.unitfile_movein_open(),
	completed: () => m.unitfile_movein_completed()
});
