export * from './knowledge.module';
export * as resourceStatements from './resources/resource.sql';
