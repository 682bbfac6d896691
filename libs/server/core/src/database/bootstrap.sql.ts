// The bootstrap's statements, run as the owner on plain pg connections: catalog lookups
// take parameters; DDL names databases, roles and schemas, which PostgreSQL takes only in
// the text, so those statements are made per name (quoted) by the functions below.
import { quoteIdent, quoteLiteral, statement } from './sql';

export const DATABASE_EXISTS = statement<{ found: number }, [name: string]>('database-exists', 'SELECT 1 AS found FROM pg_database WHERE datname = $1');

export const ROLE_EXISTS = statement<{ found: number }, [role: string]>('role-exists', 'SELECT 1 AS found FROM pg_roles WHERE rolname = $1');

export const createDatabase = (name: string) => statement<never>('create-database', `CREATE DATABASE ${quoteIdent(name)}`);

/** The name of a queue's job-id sequence, as BullMQ's backend in `schema` names it. */
export const queueSequenceName = (schema: string) =>
  statement<{ name: string }, [queue: string]>('queue-sequence-name', `SELECT ${quoteIdent(schema)}.job_id_seq_name($1) AS name`);

export const createQueueSequence = (schema: string, name: string) =>
  statement<never>('create-queue-sequence', `CREATE SEQUENCE IF NOT EXISTS ${quoteIdent(schema)}.${quoteIdent(name)}`);

/** What BullMQ's functions use as the caller: the schema, its rows, sequences and functions; nothing that creates objects. */
export const grantQueueSchema = (schema: string, role: string) => {
  const [s, r] = [quoteIdent(schema), quoteIdent(role)];
  return statement<never>(
    'grant-queue-schema',
    `GRANT USAGE ON SCHEMA ${s} TO ${r};
     GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA ${s} TO ${r};
     GRANT USAGE, SELECT, UPDATE ON ALL SEQUENCES IN SCHEMA ${s} TO ${r};
     GRANT EXECUTE ON ALL FUNCTIONS IN SCHEMA ${s} TO ${r};`,
  );
};

/** A runtime login role: bound by row-level security, with a password when it has one. */
export const createLoginRole = (role: string, password: string) =>
  statement<never>('create-login-role', `CREATE ROLE ${quoteIdent(role)} LOGIN NOBYPASSRLS${password ? ` PASSWORD ${quoteLiteral(password)}` : ''}`);

export const grantRole = (group: string, role: string) => statement<never>('grant-role', `GRANT ${quoteIdent(group)} TO ${quoteIdent(role)}`);

export const setRoleSetting = (role: string, name: string, value: string) =>
  statement<never>('set-role-setting', `ALTER ROLE ${quoteIdent(role)} SET ${quoteIdent(name)} = ${quoteLiteral(value)}`);

export const grantConnect = (database: string, role: string) =>
  statement<never>('grant-connect', `GRANT CONNECT ON DATABASE ${quoteIdent(database)} TO ${quoteIdent(role)}`);

/** Nobody but the owner creates temporary objects (which could shadow a table or function). */
export const revokeTemporary = (database: string) => statement<never>('revoke-temporary', `REVOKE TEMPORARY ON DATABASE ${quoteIdent(database)} FROM PUBLIC`);
