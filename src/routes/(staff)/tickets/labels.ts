// The ticket labels live in $lib/ticket-labels.ts (one copy for staff pages, kiosk pages, CSV and
// reports); this re-export keeps the kiosk's existing imports working until they point there.
export * from '$lib/ticket-labels';
