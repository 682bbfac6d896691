// Sign-up (a new organization: its hub and first ORG_ADMIN), login, logout, password
// changes and the caller's identity. Every token names a session: logging out ends that
// session, changing the password ends them all, and the database refuses an ended one.
import { Inject, Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { Role, TenantKind } from '@pmo/shared';
import {
  APP_CONFIG,
  AppConfig,
  AuditService,
  badInput,
  checkText,
  conflict,
  currentContext,
  hashPassword,
  hashWithSettings,
  OutboxService,
  SessionEvents,
  TenantDb,
  ThrottleService,
  TokenService,
  unauthenticated,
} from '@pmo/core';
import { ChangePasswordInput, LoginInput, SignUpInput } from './dto/auth.inputs';
import { AuthPayloadModel, UserModel } from './models/user.model';
import { ORGANIZATION_PROVISION_JOB } from './provision.jobs';
import { checkPassword, normalizeEmail } from './validation';

interface UserByEmail {
  id: string;
  /** scrypt$N$r$p$salt; empty for an account invited before it existed (no password until it signs up). */
  password_settings: string;
}

@Injectable()
export class AuthService {
  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly db: TenantDb,
    private readonly tokens: TokenService,
    private readonly audit: AuditService,
    private readonly outbox: OutboxService,
    private readonly throttle: ThrottleService,
    private readonly sessions: SessionEvents,
  ) {}

  async signUp(input: SignUpInput): Promise<AuthPayloadModel> {
    await this.throttle.attempt('signup-address', clientAddress());
    const email = normalizeEmail(input.email);
    const organizationName = checkText(input.organizationName, 'organizationName');
    const passwordHash = await hashPassword(checkPassword(input.password));
    const invited = await this.userByEmail(email);
    if (invited && invited.password_settings !== '') throw conflict('An account with this email already exists');
    const userId = invited?.id ?? randomUUID();
    const hubId = randomUUID();
    await this.db.transaction(
      async (em) => {
        if (invited) {
          // The account someone invited before it existed: signing up gives it its password.
          // (pmo_enter_signup locked it and checked it had no password yet.)
          await em.query('UPDATE users SET password_hash = $2 WHERE id = $1', [userId, passwordHash]);
        } else {
          await em.query('INSERT INTO users (id, email, password_hash) VALUES ($1, $2, $3)', [userId, email, passwordHash]);
        }
        await em.query(`INSERT INTO tenants (id, org_id, parent_id, kind, name, depth, path) VALUES ($1, $1, NULL, $2, $3, 0, ARRAY[$1::uuid])`, [
          hubId,
          TenantKind.HUB,
          organizationName,
        ]);
        await em.query('INSERT INTO memberships (user_id, tenant_id, org_id, role) VALUES ($1, $2, $2, $3)', [userId, hubId, Role.ORG_ADMIN]);
        await this.audit.record(em, {
          tenantId: hubId,
          orgId: hubId,
          entity: 'organization',
          entityId: hubId,
          action: 'sign-up',
          after: { organizationName, email },
        });
        await this.outbox.publish(em, hubId, ORGANIZATION_PROVISION_JOB, { tenantId: hubId, userId });
      },
      { as: { kind: 'signup', userId, hubId } },
    );
    return this.signedIn(userId, { id: userId, email }, await this.openSession(userId, passwordHash));
  }

  async login(input: LoginInput): Promise<AuthPayloadModel> {
    const email = input.email.trim().toLowerCase();
    const address = clientAddress();
    await this.throttle.attempt('login-account', email);
    await this.throttle.attempt('login-address', address);
    const user = await this.userByEmail(email);
    // Hashed under dummy settings when the email is unknown or has no password yet: same time either way.
    const candidate = await hashWithSettings(input.password, user?.password_settings ?? '');
    if (!user) throw unauthenticated('Invalid email or password');
    const sessionId = await this.openSession(user.id, candidate);
    await Promise.all([this.throttle.forgive('login-account', email), this.throttle.refund('login-address', address)]);
    return this.signedIn(user.id, await this.userById(user.id, sessionId), sessionId);
  }

  /** Ends the session of the token that sent it. */
  async logout(): Promise<boolean> {
    const actor = signedInActor();
    await this.db.transaction(async (em) => {
      await em.query('UPDATE sessions SET ended_at = now() WHERE id = $1 AND ended_at IS NULL', [actor.sessionId]);
      this.db.afterCommit(() => this.sessions.ended(actor.userId));
    });
    return true;
  }

  /** Sets a new password and ends every earlier session; answers with a token of a new one. */
  async changePassword(input: ChangePasswordInput): Promise<AuthPayloadModel> {
    const actor = signedInActor();
    const newPassword = checkPassword(input.newPassword);
    // A stolen token must not make the current password guessable.
    await this.throttle.attempt('password-check', actor.userId);
    const user = await this.db.transaction(async (em) => {
      const [row]: Array<UserModel & UserByEmail> = await em.query(
        'SELECT u.id, u.email, s.password_settings FROM users u, pmo_user_by_email(u.email) s WHERE u.id = $1',
        [actor.userId],
      );
      return row;
    });
    const [current, next] = await Promise.all([hashWithSettings(input.currentPassword, user.password_settings), hashPassword(newPassword)]);
    await this.db.transaction(async (em) => {
      const [{ changed }]: Array<{ changed: boolean }> = await em.query('SELECT pmo_change_password($1, $2) AS changed', [current, next]);
      if (!changed) throw badInput('currentPassword is not your current password', { field: 'currentPassword' });
      // Recorded where the user is a member: those tenants' admins see their accounts' changes.
      const tenants: Array<{ tenantId: string; orgId: string }> = await em.query(
        `SELECT tenant_id AS "tenantId", org_id AS "orgId" FROM memberships WHERE user_id = $1 AND status = 'ACTIVE'`,
        [actor.userId],
      );
      for (const { tenantId, orgId } of tenants) {
        await this.audit.record(em, { tenantId, orgId, entity: 'user', entityId: actor.userId, action: 'change-password' });
      }
      this.db.afterCommit(() => this.sessions.ended(actor.userId));
    });
    await this.throttle.forgive('password-check', actor.userId);
    const sessionId = await this.openSession(user.id, next);
    return this.signedIn(user.id, { id: user.id, email: user.email }, sessionId);
  }

  async me(): Promise<UserModel> {
    const actor = signedInActor();
    return this.userById(actor.userId, actor.sessionId);
  }

  private async userByEmail(email: string): Promise<UserByEmail | undefined> {
    const rows: UserByEmail[] = await this.db.unscoped('SELECT id, password_settings FROM pmo_user_by_email($1)', [email]);
    return rows[0];
  }

  /** A new session, when `passwordHash` is the user's (the database compares). */
  private async openSession(userId: string, passwordHash: string): Promise<string> {
    const [{ id }] = await this.db.unscoped<Array<{ id: string | null }>>('SELECT pmo_open_session($1, $2, $3) AS id', [
      userId,
      passwordHash,
      this.config.jwtTtlSeconds,
    ]);
    if (!id) throw unauthenticated('Invalid email or password');
    return id;
  }

  /** The rest of this request (nested fields of the payload) runs as the signed-in user. */
  private signedIn(userId: string, user: UserModel, sessionId: string): AuthPayloadModel {
    currentContext().actor = { kind: 'user', userId, sessionId };
    return { token: this.tokens.issue(userId, sessionId), user };
  }

  private userById(userId: string, sessionId: string): Promise<UserModel> {
    return this.db.transaction(
      async (em) => {
        const [user] = await em.query('SELECT id, email FROM users WHERE id = $1', [userId]);
        if (!user) throw unauthenticated('This account no longer exists');
        return user as UserModel;
      },
      { as: { kind: 'user', userId, sessionId } },
    );
  }
}

function signedInActor() {
  const actor = currentContext().actor;
  if (actor.kind !== 'user') throw unauthenticated();
  return actor;
}

function clientAddress(): string {
  return currentContext().clientAddress ?? 'unknown';
}
