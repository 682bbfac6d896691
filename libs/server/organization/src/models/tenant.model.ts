export { TenantModel } from '@pmo/core';
