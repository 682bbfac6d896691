export * from './kpi.module';
