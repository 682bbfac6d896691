export * from './knowledge.module';
