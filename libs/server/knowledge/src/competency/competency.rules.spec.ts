import { errorCode } from '@pmo/testing';
import { checkCertificationDates, checkRaiseOnly, isValid, levelOf, managerShortfall, RuleOnPath, ruleInForce } from './competency.rules';

const cert = (level: number, issuedOn: string, expiresOn: string | null = null) => ({ level, issuedOn, expiresOn });
const rule = (tenantName: string, depth: number, tier: number, minManagerLevel: number): RuleOnPath => ({
  tenantId: tenantName.toLowerCase(),
  tenantName,
  depth,
  tier,
  minManagerLevel,
});

describe('certification validity', () => {
  it('is valid from its issue day through its expiry day, and forever without one', () => {
    expect(isValid(cert(3, '2026-01-01', '2026-06-30'), '2025-12-31')).toBe(false);
    expect(isValid(cert(3, '2026-01-01', '2026-06-30'), '2026-01-01')).toBe(true);
    expect(isValid(cert(3, '2026-01-01', '2026-06-30'), '2026-06-30')).toBe(true);
    expect(isValid(cert(3, '2026-01-01', '2026-06-30'), '2026-07-01')).toBe(false);
    expect(isValid(cert(3, '2026-01-01'), '2099-12-31')).toBe(true);
  });

  it('refuses an expiry before the issue, naming expiresOn; the same day or none is fine', () => {
    expect(errorCode(() => checkCertificationDates('2026-05-02', '2026-05-01'))).toBe('BAD_USER_INPUT');
    expect(() => checkCertificationDates('2026-05-02', '2026-05-01')).toThrow(expect.objectContaining({ details: { field: 'expiresOn' } }));
    expect(errorCode(() => checkCertificationDates('2026-05-02', '2026-05-02'))).toBe('OK');
    expect(errorCode(() => checkCertificationDates('2026-05-02', null))).toBe('OK');
  });
});

describe('a person’s level', () => {
  it('is 0 without a valid certification', () => {
    expect(levelOf([], '2026-03-01')).toBe(0);
    expect(levelOf([cert(5, '2020-01-01', '2025-12-31'), cert(4, '2026-04-01')], '2026-03-01')).toBe(0);
  });

  it('is the highest level among the valid ones, not the latest nor an expired higher one', () => {
    const certifications = [cert(5, '2020-01-01', '2026-02-28'), cert(2, '2026-01-10'), cert(3, '2025-01-01', '2027-01-01'), cert(1, '2026-02-01')];
    expect(levelOf(certifications, '2026-02-28')).toBe(5);
    expect(levelOf(certifications, '2026-03-01')).toBe(3);
    expect(levelOf(certifications, '2027-01-02')).toBe(2);
  });
});

describe('competency rules along a path', () => {
  const hub = rule('Hub', 0, 1, 2);
  const division = rule('Division', 1, 1, 4);
  const region = rule('Region', 2, 1, 3);

  it('puts in force the highest minimum of the tier along the path, the shallowest tenant on a tie', () => {
    expect(ruleInForce([hub, division, region], 1)).toBe(division);
    expect(ruleInForce([hub, rule('Division', 1, 1, 2)], 1)).toBe(hub);
    expect(ruleInForce([hub, division, rule('Region', 2, 2, 5)], 2)?.tenantName).toBe('Region');
    expect(ruleInForce([hub, division], 3)).toBeNull();
  });

  it('lets a descendant raise or keep an ancestor’s minimum, never lower it, naming the ancestor’s rule', () => {
    expect(errorCode(() => checkRaiseOnly(division, 4))).toBe('OK');
    expect(errorCode(() => checkRaiseOnly(division, 5))).toBe('OK');
    expect(errorCode(() => checkRaiseOnly(null, 0))).toBe('OK');
    expect(errorCode(() => checkRaiseOnly(division, 3))).toBe('BAD_USER_INPUT');
    expect(() => checkRaiseOnly(division, 3)).toThrow(/Division \(tier 1 projects need a manager of level 4 or above\)/);
    expect(() => checkRaiseOnly(division, 3)).toThrow(expect.objectContaining({ details: { field: 'minManagerLevel' } }));
  });

  it('finds a manager short of the rule in force, naming it, and no one short without a rule', () => {
    expect(managerShortfall(division, 3)).toBe(
      "The manager's level is 3, below the competency rule of Division (tier 1 projects need a manager of level 4 or above)",
    );
    expect(managerShortfall(division, 4)).toBeNull();
    expect(managerShortfall(null, 0)).toBeNull();
  });
});
