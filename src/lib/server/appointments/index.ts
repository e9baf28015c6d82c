// The appointments area (预约); forms.ts and messages.ts are for routes.
export * from './queries';
export * from './commands';
export * from './errors';
