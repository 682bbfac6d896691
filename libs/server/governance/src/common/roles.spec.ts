import { Role } from '@pmo/shared';
import { atLeast, effectiveRole } from '@pmo/core';
import { highestAbove, holdsOneOf } from './roles';

const HUB = 'hub';
const NORTH = 'north';
const NORTH_EAST = 'north-east';
const SOUTH = 'south';
const PATH = [HUB, NORTH, NORTH_EAST];

describe('governance roles', () => {
  it('ranks roles: at least means the same or higher', () => {
    expect(atLeast(Role.ORG_ADMIN, Role.PMO_LEAD)).toBe(true);
    expect(atLeast(Role.PMO_LEAD, Role.PMO_LEAD)).toBe(true);
    expect(atLeast(Role.PROJECT_MANAGER, Role.PMO_LEAD)).toBe(false);
    expect(atLeast(Role.EXECUTIVE, Role.PROJECT_MANAGER)).toBe(false);
    expect(atLeast(Role.VIEWER, Role.VIEWER)).toBe(true);
    expect(atLeast(null, Role.VIEWER)).toBe(false);
  });

  it('takes the highest role on the path, ignoring memberships beside it', () => {
    const memberships = [
      { tenantId: HUB, role: Role.VIEWER },
      { tenantId: NORTH, role: Role.PMO_LEAD },
      { tenantId: SOUTH, role: Role.ORG_ADMIN },
    ];
    expect(effectiveRole(memberships, PATH)).toBe(Role.PMO_LEAD);
    expect(effectiveRole(memberships, [HUB, SOUTH])).toBe(Role.ORG_ADMIN);
    expect(effectiveRole([], PATH)).toBeNull();
  });

  it('finds roles held strictly above the last tenant of the path', () => {
    expect(highestAbove([{ tenantId: NORTH_EAST, role: Role.ORG_ADMIN }], PATH)).toBeNull();
    expect(highestAbove([{ tenantId: NORTH, role: Role.PMO_LEAD }], PATH)).toBe(Role.PMO_LEAD);
    expect(highestAbove([{ tenantId: HUB, role: Role.ORG_ADMIN }], [HUB])).toBeNull();
  });

  it('holds one of a set of roles by any membership on the path, not by rank', () => {
    const deciders = [Role.EXECUTIVE, Role.ORG_ADMIN];
    expect(holdsOneOf([{ tenantId: HUB, role: Role.EXECUTIVE }], PATH, deciders)).toBe(true);
    // A PMO_LEAD outranks an EXECUTIVE but is not one.
    expect(holdsOneOf([{ tenantId: NORTH, role: Role.PMO_LEAD }], PATH, deciders)).toBe(false);
    // The higher role at the hub does not hide the EXECUTIVE membership below it.
    expect(
      holdsOneOf(
        [
          { tenantId: HUB, role: Role.PMO_LEAD },
          { tenantId: NORTH, role: Role.EXECUTIVE },
        ],
        PATH,
        deciders,
      ),
    ).toBe(true);
    expect(holdsOneOf([{ tenantId: SOUTH, role: Role.EXECUTIVE }], PATH, deciders)).toBe(false);
  });
});
