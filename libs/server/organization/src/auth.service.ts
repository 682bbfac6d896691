// Sign-up (a new organization: its hub and first ORG_ADMIN), login, logout, password
// changes and the caller's identity. Every token names a session: logging out ends that
// session, changing the password ends them all, and the database refuses an ended one.
import { Inject, Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { MembershipStatus, Role, TenantKind } from '@pmo/shared';
import {
  APP_CONFIG,
  AppConfig,
  AuditService,
  badInput,
  conflict,
  currentContext,
  hashPassword,
  hashWithSettings,
  MembershipRepository,
  OutboxService,
  SessionEvents,
  SessionRepository,
  TenantDb,
  TenantRepository,
  ThrottleService,
  TokenService,
  unauthenticated,
  UserRepository,
} from '@pmo/core';
import { ChangePasswordInput, LoginInput, SignUpInput } from './dto/auth.inputs';
import { AuthPayloadModel, UserModel } from './models/user.model';
import { ORGANIZATION_PROVISION_JOB } from './provision.jobs';

@Injectable()
export class AuthService {
  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly db: TenantDb,
    private readonly tokens: TokenService,
    private readonly audit: AuditService,
    private readonly outbox: OutboxService,
    private readonly throttle: ThrottleService,
    private readonly sessionEvents: SessionEvents,
    private readonly users: UserRepository,
    private readonly tenants: TenantRepository,
    private readonly memberships: MembershipRepository,
    private readonly sessions: SessionRepository,
  ) {}

  async signUp(input: SignUpInput): Promise<AuthPayloadModel> {
    await this.throttle.attempt('signup-address', clientAddress());
    const { email, organizationName } = input;
    const passwordHash = await hashPassword(input.password);
    const invited = await this.db.unscoped((em) => this.users.credentialsByEmail(em, email));
    if (invited && invited.passwordSettings !== '') throw conflict('An account with this email already exists', { field: 'email' });
    const userId = invited?.id ?? randomUUID();
    const hubId = randomUUID();
    await this.db.transaction(
      async (em) => {
        // The account someone invited before it existed: signing up gives it its password.
        // (pmo_enter_signup locked it and checked it had no password yet.)
        if (invited) await this.users.setPassword(em, userId, passwordHash);
        else await this.users.insert(em, { id: userId, email, passwordHash });
        await this.tenants.insert(em, [{ id: hubId, orgId: hubId, parentId: null, kind: TenantKind.HUB, name: organizationName, depth: 0, path: [hubId] }]);
        await this.memberships.add(em, { userId, tenantId: hubId, orgId: hubId, role: Role.ORG_ADMIN, status: MembershipStatus.ACTIVE });
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
    const { email } = input;
    const address = clientAddress();
    await this.throttle.attempt('login-account', email);
    await this.throttle.attempt('login-address', address);
    const user = await this.db.unscoped((em) => this.users.credentialsByEmail(em, email));
    // Hashed under dummy settings when the email is unknown or has no password yet: same time either way.
    const candidate = await hashWithSettings(input.password, user?.passwordSettings ?? '');
    if (!user) throw unauthenticated('Invalid email or password');
    const sessionId = await this.openSession(user.id, candidate);
    await Promise.all([this.throttle.forgive('login-account', email), this.throttle.refund('login-address', address)]);
    return this.signedIn(user.id, await this.userById(user.id, sessionId), sessionId);
  }

  /** Ends the session of the token that sent it. */
  async logout(): Promise<boolean> {
    const actor = signedInActor();
    await this.db.transaction(async (em) => {
      await this.sessions.end(em, actor.sessionId);
      this.db.afterCommit(() => this.sessionEvents.ended(actor.userId));
    });
    return true;
  }

  /** Sets a new password and ends every earlier session; answers with a token of a new one. */
  async changePassword(input: ChangePasswordInput): Promise<AuthPayloadModel> {
    const actor = signedInActor();
    // A stolen token must not make the current password guessable.
    await this.throttle.attempt('password-check', actor.userId);
    const user = await this.db.transaction((em) => this.users.withPasswordSettings(em, actor.userId));
    if (!user) throw unauthenticated('This account no longer exists');
    const [current, next] = await Promise.all([hashWithSettings(input.currentPassword, user.passwordSettings), hashPassword(input.newPassword)]);
    await this.db.transaction(async (em) => {
      if (!(await this.users.changeOwnPassword(em, current, next)))
        throw badInput('currentPassword is not your current password', { field: 'currentPassword' });
      // Recorded where the user is a member: those tenants' admins see their accounts' changes.
      for (const { tenantId, orgId } of await this.memberships.activeOf(em, actor.userId)) {
        await this.audit.record(em, { tenantId, orgId, entity: 'user', entityId: actor.userId, action: 'change-password' });
      }
      this.db.afterCommit(() => this.sessionEvents.ended(actor.userId));
    });
    await this.throttle.forgive('password-check', actor.userId);
    const sessionId = await this.openSession(user.id, next);
    return this.signedIn(user.id, { id: user.id, email: user.email }, sessionId);
  }

  /**
   * The signed-in user. Entering their session (which the read does first) proves it
   * stands and names its user, so `me { id }` costs that one round trip; the email is
   * read only when asked for (`email`).
   */
  async me(): Promise<Pick<UserModel, 'id'>> {
    const actor = signedInActor();
    // The id needs only proof that the session stands; the fields that read (email,
    // memberships) enter the request's transaction themselves.
    await this.db.checkSession();
    return { id: actor.userId };
  }

  /** A user's email, for a user model built without it (`me`). */
  async email(userId: string): Promise<string> {
    const user = await this.db.transaction((em) => this.users.byId(em, userId));
    if (!user) throw unauthenticated('This account no longer exists');
    return user.email;
  }

  /** A new session, when `passwordHash` is the user's (the database compares). */
  private async openSession(userId: string, passwordHash: string): Promise<string> {
    const id = await this.db.unscoped((em) => this.sessions.open(em, userId, passwordHash, this.config.jwtTtlSeconds));
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
        const user = await this.users.byId(em, userId);
        if (!user) throw unauthenticated('This account no longer exists');
        return { id: user.id, email: user.email };
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
