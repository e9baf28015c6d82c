/**
 * Groups items by key in the order the keys first appear, folding each group with `add` from
 * `start(first item)`: e.g. a receipt's lines by bill for the confirmation table.
 */
export function groupInOrder<T, K, G>(
	items: readonly T[],
	key: (item: T) => K,
	start: (first: T) => G,
	add: (group: G, item: T) => void
): G[] {
	const groups = new Map<K, G>();
	for (const item of items) {
		const k = key(item);
		let group = groups.get(k);
		if (group === undefined) groups.set(k, (group = start(item)));
		add(group, item);
	}
	return [...groups.values()];
}
