export interface KioskTile {
	id: string;
	href: string;
	icon: string;
	label: string;
	hint: string;
}

/** The big buttons on the kiosk start screen. Each kiosk capability adds its tile here. */
export function kioskTiles(): KioskTile[] {
	return [];
}
