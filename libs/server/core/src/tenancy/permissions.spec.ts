import { Role } from '@pmo/shared';
import { allows, effectiveRole, mayGrant, Permission } from './permissions';

const HUB = 'hub';
const EUROPE = 'europe';
const FRANCE = 'france';
const ASIA = 'asia';
const ALL_ROLES = Object.values(Role);
const RANKED = [Role.VIEWER, Role.EXECUTIVE, Role.PROJECT_MANAGER, Role.PMO_LEAD, Role.ORG_ADMIN];

describe('effectiveRole', () => {
  it('applies a membership to its tenant and everything below it', () => {
    const grants = [{ tenantId: EUROPE, role: Role.PMO_LEAD }];
    expect(effectiveRole(grants, [HUB, EUROPE])).toBe(Role.PMO_LEAD);
    expect(effectiveRole(grants, [HUB, EUROPE, FRANCE])).toBe(Role.PMO_LEAD);
  });

  it('gives nothing above the membership or beside it', () => {
    const grants = [{ tenantId: EUROPE, role: Role.ORG_ADMIN }];
    expect(effectiveRole(grants, [HUB])).toBeNull();
    expect(effectiveRole(grants, [HUB, ASIA])).toBeNull();
    expect(effectiveRole([], [HUB, EUROPE])).toBeNull();
  });

  it('takes the highest role on the path, wherever it was granted', () => {
    const grants = [
      { tenantId: HUB, role: Role.VIEWER },
      { tenantId: EUROPE, role: Role.ORG_ADMIN },
      { tenantId: FRANCE, role: Role.PROJECT_MANAGER },
    ];
    expect(effectiveRole(grants, [HUB, EUROPE, FRANCE])).toBe(Role.ORG_ADMIN);
    expect(effectiveRole(grants, [HUB, ASIA])).toBe(Role.VIEWER);
    expect(effectiveRole([...grants].reverse(), [HUB, EUROPE, FRANCE])).toBe(Role.ORG_ADMIN);
  });
});

describe('allows', () => {
  it('lets every role read and nobody without a role', () => {
    for (const role of ALL_ROLES) expect(allows(role, Permission.READ)).toBe(true);
    for (const permission of Object.values(Permission)) expect(allows(null, permission)).toBe(false);
  });

  it('keeps tenants, the audit log and rebuilds to ORG_ADMIN', () => {
    for (const permission of [Permission.MANAGE_TENANTS, Permission.READ_AUDIT, Permission.REBUILD_ROLLUPS]) {
      expect(ALL_ROLES.filter((role) => allows(role, permission))).toEqual([Role.ORG_ADMIN]);
    }
  });

  it('lets PMO leads manage members and standards, project managers manage projects and report', () => {
    expect(ALL_ROLES.filter((role) => allows(role, Permission.MANAGE_MEMBERS)).sort()).toEqual([Role.ORG_ADMIN, Role.PMO_LEAD].sort());
    expect(ALL_ROLES.filter((role) => allows(role, Permission.MANAGE_STANDARDS)).sort()).toEqual([Role.ORG_ADMIN, Role.PMO_LEAD].sort());
    for (const permission of [Permission.MANAGE_PROJECTS, Permission.REPORT]) {
      expect(ALL_ROLES.filter((role) => allows(role, permission)).sort()).toEqual([Role.ORG_ADMIN, Role.PMO_LEAD, Role.PROJECT_MANAGER].sort());
    }
    expect(allows(Role.EXECUTIVE, Permission.REPORT)).toBe(false);
    expect(allows(Role.VIEWER, Permission.MANAGE_PROJECTS)).toBe(false);
  });
});

describe('mayGrant', () => {
  it('lets ORG_ADMIN grant every role', () => {
    for (const role of ALL_ROLES) expect(mayGrant(Role.ORG_ADMIN, role)).toBe(true);
  });

  it('lets PMO_LEAD grant up to PMO_LEAD, never ORG_ADMIN', () => {
    for (const role of [Role.PMO_LEAD, Role.PROJECT_MANAGER, Role.EXECUTIVE, Role.VIEWER]) expect(mayGrant(Role.PMO_LEAD, role)).toBe(true);
    expect(mayGrant(Role.PMO_LEAD, Role.ORG_ADMIN)).toBe(false);
  });

  it('never lets anyone grant above their own role', () => {
    for (const [i, granter] of RANKED.entries()) {
      for (const role of RANKED.slice(i + 1)) expect(mayGrant(granter, role)).toBe(false);
    }
  });

  it('refuses roles that may not manage members, and callers without a role', () => {
    for (const granter of [Role.PROJECT_MANAGER, Role.EXECUTIVE, Role.VIEWER, null]) {
      for (const role of ALL_ROLES) expect(mayGrant(granter, role)).toBe(false);
    }
  });
});
