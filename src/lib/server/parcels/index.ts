// The parcels area (快递代收); forms.ts and messages.ts are for routes.
export * from './queries';
export * from './commands';
export * from './errors';
export * from './photo';
