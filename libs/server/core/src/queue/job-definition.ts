// A job's name, queue, payload type, options and schedule, declared once in its feature
// (`<feature>.jobs.ts`, beside its handler): producers enqueue the definition, the handler
// names it in @OnJob, and the worker refuses to boot unless every job defined in its code
// has exactly one handler. Payloads carry ids only, never entity snapshots: a handler
// reads current rows.
import type { JobsOptions } from 'bullmq';
import type { QueueName } from '@pmo/shared';
import type { AppConfig } from '../config/config';
import { RETENTION } from './job-options';

/** The payload of a scheduled job: it acts on whatever it finds, for no one in particular. */
export type NoPayload = Record<string, never>;

export interface JobDefinition<Payload extends object> {
  /** The BullMQ job name, unique across features. */
  readonly name: string;
  readonly queue: QueueName;
  /** BullMQ's options for one job: the definition's own, over the shared RETENTION. */
  options(payload: Payload): JobsOptions;
  /** A scheduled job runs every this many milliseconds (with an empty payload), from the worker's boot on. */
  readonly every?: (config: AppConfig) => number;
}

/** Any job, whatever its payload: for lists of definitions. */
export type AnyJob = JobDefinition<object>;

interface JobSpec<Payload extends object> {
  name: string;
  queue: QueueName;
  /** Attempts, backoff, deduplication or job id: what this job needs beyond RETENTION. */
  options: (payload: Payload) => JobsOptions;
}

interface ScheduledJobSpec extends JobSpec<NoPayload> {
  every: (config: AppConfig) => number;
}

const defined = new Map<string, AnyJob>();

export function defineJob(spec: ScheduledJobSpec): JobDefinition<NoPayload>;
export function defineJob<Payload extends object>(spec: JobSpec<Payload>): JobDefinition<Payload>;
export function defineJob<Payload extends object>(spec: JobSpec<Payload> & { every?: (config: AppConfig) => number }): JobDefinition<Payload> {
  if (defined.has(spec.name)) throw new Error(`Job ${spec.name} is defined twice`);
  const job: JobDefinition<Payload> = {
    name: spec.name,
    queue: spec.queue,
    options: (payload) => ({ ...RETENTION, ...spec.options(payload) }),
    ...(spec.every ? { every: spec.every } : {}),
  };
  defined.set(job.name, job);
  return job;
}

/** Every job defined by the code this process has loaded. */
export function definedJobs(): AnyJob[] {
  return [...defined.values()];
}

/** The definition of the job named `name`, if this process has loaded it. */
export function definedJob(name: string): AnyJob | undefined {
  return defined.get(name);
}
