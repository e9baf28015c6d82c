// The visitors area (访客登记); forms.ts and messages.ts are for routes.
export * from './queries';
export * from './commands';
export * from './errors';
