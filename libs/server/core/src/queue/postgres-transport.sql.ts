// The PostgreSQL transport's own statements, on its pg connections (BullMQ's backend and
// the rate limiter run theirs): a readiness probe, NOTIFY, LISTEN and UNLISTEN.
import { quoteIdent, statement } from '../database/sql';

/** Reads the queue table as the connecting role: proves the connection and the role's rights on the schema. */
export const QUEUE_PROBE = statement<never>('queue-probe', 'SELECT 1 FROM job LIMIT 0');

/** Sends a message to every connection listening on the channel. */
export const NOTIFY = statement<never, [channel: string, message: string]>('notify', 'SELECT pg_notify($1, $2)');

/** LISTEN takes no parameter: the channel is quoted into the text. */
export const listen = (channel: string) => statement<never>('listen', `LISTEN ${quoteIdent(channel)}`);

export const unlisten = (channel: string) => statement<never>('unlisten', `UNLISTEN ${quoteIdent(channel)}`);
