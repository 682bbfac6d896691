export * from './kpi.module';
export * from './engine/rebuild';
