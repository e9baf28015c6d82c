/** The front-desk registers whose open entries are handed over at shift change (issue 21). */
export const REGISTER_CODES = ['parcel', 'visitor', 'item', 'appointment'] as const;
export type RegisterCode = (typeof REGISTER_CODES)[number];
