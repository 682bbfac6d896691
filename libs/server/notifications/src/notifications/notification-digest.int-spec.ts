// The daily digest against an in-process SMTP server on 127.0.0.1: one message per user
// with unread notifications of the last day, nothing for read or old ones, nothing at all
// without SMTP_URL.
import { randomUUID } from 'node:crypto';
import { SMTPServer } from 'smtp-server';
import { AppConfig, TenantDb } from '@pmo/core';
import { Role } from '@pmo/shared';
import { freePort, RepositoryTestDb, SeededTenant, SeededUser } from '@pmo/testing';
import { NotificationDigest } from './notification-digest';
import { NotificationDigestRepository } from './notification-digest.repository';

describe('NotificationDigest', () => {
  let db: RepositoryTestDb;
  let hub: SeededTenant;
  let ada: SeededUser;
  let bob: SeededUser;
  let carol: SeededUser;
  let server: SMTPServer;
  let port: number;
  const mails: Array<{ to: string[]; data: string }> = [];

  const notify = (user: SeededUser, title: string, options: { read?: boolean; hoursAgo?: number } = {}) =>
    db.owner.query(
      `INSERT INTO notifications (id, user_id, tenant_id, org_id, event_id, kind, title, created_at, read_at)
       VALUES ($1, $2, $3, $3, $4, 'decision.recorded', $5, now() - make_interval(hours => $6), CASE WHEN $7 THEN now() END)`,
      [randomUUID(), user.id, hub.id, randomUUID(), title, options.hoursAgo ?? 1, options.read ?? false],
    );
  const digest = (smtpUrl: string) =>
    new NotificationDigest(
      { smtpUrl, mailFrom: 'PMO Hub <hub@example.com>' } as AppConfig,
      { unscoped: (fn: Parameters<TenantDb['unscoped']>[0]) => db.asSystem(hub, fn) } as unknown as TenantDb,
      new NotificationDigestRepository(),
    );

  beforeAll(async () => {
    db = await RepositoryTestDb.create();
    hub = await db.hub();
    [ada, bob, carol] = await Promise.all([db.user([[hub, Role.PMO_LEAD]]), db.user([[hub, Role.EXECUTIVE]]), db.user([[hub, Role.VIEWER]])]);
    port = await freePort();
    server = new SMTPServer({
      authOptional: true,
      disabledCommands: ['STARTTLS', 'AUTH'],
      onData(stream, session, callback) {
        const chunks: Buffer[] = [];
        stream.on('data', (chunk: Buffer) => chunks.push(chunk));
        stream.on('end', () => {
          mails.push({ to: session.envelope.rcptTo.map((r) => r.address), data: Buffer.concat(chunks).toString('utf8') });
          callback();
        });
      },
    });
    await new Promise<void>((resolve) => server.listen(port, '127.0.0.1', resolve));
  });
  afterAll(async () => {
    await new Promise<void>((resolve) => server.close(() => resolve()));
    await db.close();
  });

  it('mails each user their unread notifications of the last day, once, and nobody else', async () => {
    await notify(ada, 'Decision recorded: hold');
    await notify(ada, 'Gate review approved');
    await notify(bob, 'Already read', { read: true });
    await notify(carol, 'Two days old', { hoursAgo: 48 });
    expect(await digest('').send()).toBe(0);
    expect(mails).toEqual([]);

    expect(await digest(`smtp://127.0.0.1:${port}`).send()).toBe(1);
    const emails = (await db.owner.query('SELECT id, email FROM users WHERE id = $1', [ada.id])) as Array<{ email: string }>;
    expect(mails).toHaveLength(1);
    expect(mails[0].to).toEqual([emails[0].email]);
    expect(mails[0].data).toContain('Subject: PMO Hub: 2 unread notifications');
    expect(mails[0].data).toContain('Decision recorded: hold');
    expect(mails[0].data).toContain('Gate review approved');
    expect(mails[0].data).not.toContain('Already read');
  });
});
