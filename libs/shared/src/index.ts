export * from './enums';
export * from './jobs';
