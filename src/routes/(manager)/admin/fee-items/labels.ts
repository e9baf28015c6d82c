import { m } from '$lib/paraglide/messages.js';

/** How an item's amount comes about, in words. */
export const basisLabel = (b: string): string =>
	b === 'per_area'
		? m.charges_basis_per_area()
		: b === 'per_space'
			? m.charges_basis_per_space()
			: b === 'per_unit'
				? m.charges_basis_per_unit()
				: m.charges_basis_fixed();

export const scopeLabel = (s: string): string =>
	s === 'buildings'
		? m.charges_scope_buildings()
		: s === 'units'
			? m.charges_scope_units()
			: m.charges_scope_all();
