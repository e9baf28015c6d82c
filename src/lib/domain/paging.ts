/*
 * Paging of a list already in memory (the register works out every row for its totals anyway):
 * which slice a `?page=` asks for. A page out of range or not a number shows the nearest page
 * rather than refusing: it is a link, and rows come and go between two clicks.
 */

export interface PageSlice {
	/** 1-based. */
	page: number;
	pages: number;
	/** Slice bounds: rows[from, to). */
	from: number;
	to: number;
	total: number;
}

export function pageSlice(total: number, requested: string | null, size: number): PageSlice {
	const pages = Math.max(1, Math.ceil(total / size));
	const n = /^\d{1,6}$/.test(requested ?? '') ? Number(requested) : 1;
	const page = Math.min(pages, Math.max(1, n));
	const from = (page - 1) * size;
	return { page, pages, from, to: Math.min(total, from + size), total };
}
