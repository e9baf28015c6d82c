// The errands area (代办 · 留言 · 回电); forms.ts and messages.ts are for routes.
export * from './queries';
export * from './commands';
export * from './errors';
