import { QueryFailedError } from 'typeorm';
import { formatError } from '../graphql/format-error';
import { createLogger } from './logger';

function capture() {
  const lines: string[] = [];
  return { lines, logger: createLogger('info', 'test', { write: (line: string) => void lines.push(line) }) };
}

const failure = (code: string, ...values: unknown[]) =>
  new QueryFailedError('SELECT * FROM users WHERE email = $1', values, Object.assign(new Error(`failed (${code})`), { code }));

describe('logged errors', () => {
  it('keep their message and query but never the values the query ran with', () => {
    const { lines, logger } = capture();
    logger.error({ err: failure('XX000', 'secret-one@example.com') }, 'boom');
    logger.error({ error: Object.assign(new Error('nested'), { driverError: { params: ['secret-two'], detail: 'kept' } }) }, 'boom');
    expect(lines).toHaveLength(2);
    expect(lines[0]).toContain('SELECT * FROM users WHERE email = $1');
    expect(lines[0]).toContain('failed (XX000)');
    expect(lines[1]).toContain('kept');
    for (const line of lines) expect(line).not.toMatch(/secret|parameters|params/);
  });

  it('are logged by formatError without their values, and a NUL refused by PostgreSQL is the caller’s, not logged', () => {
    const { lines, logger } = capture();
    const format = formatError(logger);
    const internal = { message: 'x', path: ['q'], extensions: { code: 'INTERNAL_SERVER_ERROR' } };
    expect(format(internal, failure('XX000', 'secret-three'))).toEqual({
      message: 'Internal server error',
      path: ['q'],
      extensions: { code: 'INTERNAL_SERVER_ERROR' },
    });
    expect(lines).toHaveLength(1);
    expect(lines[0]).not.toContain('secret');
    for (const code of ['22021', '22P05']) expect(format(internal, failure(code, 'a\u0000b')).extensions).toEqual({ code: 'BAD_USER_INPUT' });
    expect(lines).toHaveLength(1);
  });
});
