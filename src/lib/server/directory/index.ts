// The staff directory area (scripts and tests import it here; forms.ts and messages.ts are for routes).
export * from './queries';
export * from './commands';
export * from './errors';
