import { SetMetadata } from '@nestjs/common';
import type { JobName } from '@pmo/shared';

export const JOB_HANDLER = Symbol('JOB_HANDLER');

/** Marks a provider method as the handler of a job. Handlers must be idempotent. */
export const OnJob = (name: JobName) => SetMetadata(JOB_HANDLER, name);
