export * from './organization.module';
export * from './tenant.service';
export * from './models/tenant.model';
