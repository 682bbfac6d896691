import { SetMetadata } from '@nestjs/common';
import type { Job } from 'bullmq';
import type { JobDefinition } from './job-definition';

export const JOB_HANDLER = Symbol('JOB_HANDLER');

type HandlerOf<Payload> = (payload: Payload, job: Job) => Promise<unknown>;

/** Marks a provider method as the handler of a job, checked against its payload type. Handlers must be idempotent. */
export function OnJob<Payload extends object>(job: JobDefinition<Payload>) {
  return <Handler extends HandlerOf<Payload>>(target: object, key: string | symbol, descriptor: TypedPropertyDescriptor<Handler>): void => {
    SetMetadata(JOB_HANDLER, job)(target, key, descriptor);
  };
}
