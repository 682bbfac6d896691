export * from './standards.module';
