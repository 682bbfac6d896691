// Sign-up (a new organization: its hub and first ORG_ADMIN), login and the caller's identity.
import { Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { JobName, Role, TenantKind } from '@pmo/shared';
import {
  AuditService,
  checkText,
  conflict,
  currentContext,
  DUMMY_HASH_PROMISE,
  hashPassword,
  OutboxService,
  TenantDb,
  TokenService,
  unauthenticated,
  verifyPassword,
} from '@pmo/core';
import { LoginInput, SignUpInput } from './dto/auth.inputs';
import { AuthPayloadModel, UserModel } from './models/user.model';
import { checkPassword, normalizeEmail } from './validation';

@Injectable()
export class AuthService {
  constructor(
    private readonly db: TenantDb,
    private readonly tokens: TokenService,
    private readonly audit: AuditService,
    private readonly outbox: OutboxService,
  ) {}

  async signUp(input: SignUpInput): Promise<AuthPayloadModel> {
    const email = normalizeEmail(input.email);
    const organizationName = checkText(input.organizationName, 'organizationName');
    const passwordHash = await hashPassword(checkPassword(input.password));
    const userId = randomUUID();
    const hubId = randomUUID();
    await this.db.transaction(
      async (em) => {
        const [existing] = await em.query('SELECT id FROM pmo_user_by_email($1)', [email]);
        if (existing) throw conflict('An account with this email already exists');
        await em.query('INSERT INTO users (id, email, password_hash) VALUES ($1, $2, $3)', [userId, email, passwordHash]);
        await em.query(
          `INSERT INTO tenants (id, org_id, parent_id, kind, name, depth, path) VALUES ($1, $1, NULL, $2, $3, 0, ARRAY[$1::uuid])`,
          [hubId, TenantKind.HUB, organizationName],
        );
        await em.query('INSERT INTO memberships (user_id, tenant_id, org_id, role) VALUES ($1, $2, $2, $3)', [
          userId,
          hubId,
          Role.ORG_ADMIN,
        ]);
        await this.audit.record(em, {
          tenantId: hubId,
          orgId: hubId,
          entity: 'organization',
          entityId: hubId,
          action: 'sign-up',
          after: { organizationName, email },
        });
        await this.outbox.publish(em, hubId, JobName.ORGANIZATION_PROVISION, { tenantId: hubId, userId });
      },
      { as: { kind: 'signup', userId, hubId } },
    );
    return this.signedIn(userId, { id: userId, email });
  }

  async login(input: LoginInput): Promise<AuthPayloadModel> {
    const rows: Array<{ id: string; password_hash: string }> = await this.db.unscoped(
      'SELECT id, password_hash FROM pmo_user_by_email($1)',
      [input.email.trim()],
    );
    const user = rows[0];
    // Compare against a dummy hash when the email is unknown: same time either way.
    const valid = await verifyPassword(input.password, user?.password_hash ?? (await DUMMY_HASH_PROMISE));
    if (!user || !valid) throw unauthenticated('Invalid email or password');
    return this.signedIn(user.id, await this.userById(user.id));
  }

  /** The rest of this request (nested fields of the payload) runs as the signed-in user. */
  private signedIn(userId: string, user: UserModel): AuthPayloadModel {
    currentContext().actor = { kind: 'user', userId };
    return { token: this.tokens.issue(userId), user };
  }

  async me(): Promise<UserModel> {
    const actor = currentContext().actor;
    if (actor.kind !== 'user') throw unauthenticated();
    return this.userById(actor.userId);
  }

  private userById(userId: string): Promise<UserModel> {
    return this.db.transaction(
      async (em) => {
        const [user] = await em.query('SELECT id, email FROM users WHERE id = $1', [userId]);
        if (!user) throw unauthenticated('This account no longer exists');
        return user as UserModel;
      },
      { as: { kind: 'user', userId } },
    );
  }
}
