/** A refused ledger write. `code` maps to a translated message in the route; nothing was written. */
export class LedgerError extends Error {
	constructor(
		public code: string,
		public detail: Record<string, unknown> = {}
	) {
		super(code);
		this.name = 'LedgerError';
	}
}
