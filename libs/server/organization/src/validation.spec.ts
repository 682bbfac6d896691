import { ArgumentMetadata } from '@nestjs/common';
import { inputShapePipe } from '@pmo/core';
import { Role } from '@pmo/shared';
import { AddMemberInput, AuditLogArgs, ChangePasswordInput, CreateSpokeInput, LoginInput, SignUpInput } from './dto/auth.inputs';
import { decodeAuditCursor, encodeAuditCursor, MAX_PAGE_SIZE } from './validation';
import { errorCode } from '@pmo/testing';

/** What the global pipe makes of `value` as an argument of type `metatype`: the value, or the error's code and field. */
async function shape(metatype: ArgumentMetadata['metatype'], value: object): Promise<unknown> {
  try {
    return await inputShapePipe().transform(value, { type: 'body', metatype });
  } catch (error) {
    const { code, details } = error as { code: string; details?: { field?: string } };
    return { code, field: details?.field };
  }
}

const PASSWORD = 'a long enough password';

describe('identity input shape', () => {
  it('normalizes valid emails and refuses invalid ones, naming the field', async () => {
    expect(await shape(SignUpInput, { organizationName: 'Org', email: '  Ada@Example.COM ', password: PASSWORD })).toMatchObject({ email: 'ada@example.com' });
    for (const bad of ['', 'ada', 'ada@', '@example.com', 'a b@example.com', 'ada@example', `${'a'.repeat(250)}@x.io`]) {
      expect(await shape(SignUpInput, { organizationName: 'Org', email: bad, password: PASSWORD })).toEqual({ code: 'BAD_USER_INPUT', field: 'email' });
      expect(await shape(AddMemberInput, { tenantId: 'x', email: bad, role: Role.VIEWER })).toEqual({ code: 'BAD_USER_INPUT', field: 'email' });
    }
  });

  it('only normalizes a login email: an unknown and a malformed one are answered alike, later', async () => {
    expect(await shape(LoginInput, { email: ' Not An Email ', password: 'x' })).toMatchObject({ email: 'not an email' });
  });

  it('wants new passwords of 12 to 256 characters, as given', async () => {
    const signUp = (password: string) => shape(SignUpInput, { organizationName: 'Org', email: 'ada@example.com', password });
    expect(await signUp('x'.repeat(11))).toEqual({ code: 'BAD_USER_INPUT', field: 'password' });
    expect(await signUp(' '.repeat(12))).toMatchObject({ password: ' '.repeat(12) });
    expect(await signUp('x'.repeat(257))).toEqual({ code: 'BAD_USER_INPUT', field: 'password' });
    expect(await shape(ChangePasswordInput, { currentPassword: 'x', newPassword: 'short' })).toEqual({ code: 'BAD_USER_INPUT', field: 'newPassword' });
    const member = { tenantId: 'x', email: 'ada@example.com', role: Role.VIEWER };
    expect(await shape(AddMemberInput, { ...member, password: 'short' })).toEqual({ code: 'BAD_USER_INPUT', field: 'password' });
    expect(await shape(AddMemberInput, { ...member, password: null })).toMatchObject({ password: null });
  });

  it('trims names and bounds their length', async () => {
    expect(await shape(CreateSpokeInput, { parentId: 'x', name: '  Europe ' })).toMatchObject({ name: 'Europe' });
    expect(await shape(CreateSpokeInput, { parentId: 'x', name: '   ' })).toEqual({ code: 'BAD_USER_INPUT', field: 'name' });
    expect(await shape(SignUpInput, { organizationName: 'x'.repeat(201), email: 'ada@example.com', password: PASSWORD })).toEqual({
      code: 'BAD_USER_INPUT',
      field: 'organizationName',
    });
  });
});

describe('audit log paging rules', () => {
  it('wants a page size from 1 to 100', async () => {
    for (const bad of [0, -1, 101]) expect(await shape(AuditLogArgs, { tenantId: 'x', first: bad })).toEqual({ code: 'BAD_USER_INPUT', field: 'first' });
    expect(await shape(AuditLogArgs, { tenantId: 'x', first: 1 })).toMatchObject({ first: 1 });
    expect(await shape(AuditLogArgs, { tenantId: 'x', first: MAX_PAGE_SIZE })).toMatchObject({ first: MAX_PAGE_SIZE });
  });

  it('round-trips cursors of time and public id, and refuses anything else', () => {
    const id = '0b8f6c5e-4a55-4f0e-9d0e-6f1f3c2b1a00';
    expect(decodeAuditCursor(encodeAuditCursor('2026-11-29T06:19:01.123456Z', id))).toEqual({ list: 'audit', key: '2026-11-29T06:19:01.123456Z', id });
    const encoded = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');
    const forged = [
      '',
      'garbage',
      Buffer.from('audit:42').toString('base64url'),
      encoded(['audit', '42', id]),
      encoded(['audit', '2026-11-29T06:19:01Z', id]),
      encoded(['audit', '2026-11-29T06:19:01.123456Z', '42']),
      encoded(['CODE_ASC', '2026-11-29T06:19:01.123456Z', id]),
    ];
    for (const cursor of forged) expect(errorCode(() => decodeAuditCursor(cursor))).toBe('BAD_USER_INPUT');
  });
});
