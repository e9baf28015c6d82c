// The kiosk devices area (issue 22: kiosks and hall displays paired with a community); forms.ts
// and messages.ts are for routes.
export * from './token';
export * from './queries';
export * from './commands';
export * from './errors';
