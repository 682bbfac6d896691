export * from './kpi.module';
export * from './engine/rebuild';
export * from './engine/rollup.repository';
