import { KpiDirection, Role } from '@pmo/shared';
import { checkText, DomainError, optionalText } from '@pmo/core';
import { checkKey, checkMethodology, checkTemplateBody, checkThresholds, MethodologyDefinition, sectionsOf } from './validation';

const failure = (fn: () => unknown) => {
  try {
    fn();
  } catch (error) {
    const { code, details } = error as DomainError;
    return { code, field: details?.field };
  }
  return 'OK';
};

const { HIGHER_IS_BETTER, LOWER_IS_BETTER } = KpiDirection;

describe('KPI keys', () => {
  it('accepts [a-z][a-z0-9_]{1,62}', () => {
    for (const key of ['cpi', 'on_time_delivery', 'a1', `a${'b'.repeat(62)}`]) expect(checkKey(key)).toBe(key);
  });

  it('refuses anything else', () => {
    for (const key of ['', 'a', '1abc', '_abc', 'Cpi', 'on-time', 'cpi ', ' cpi', 'spi.1', `a${'b'.repeat(63)}`, 'café']) {
      expect(failure(() => checkKey(key))).toEqual({ code: 'BAD_USER_INPUT', field: 'key' });
    }
  });
});

describe('RAG thresholds', () => {
  it('come both or neither', () => {
    expect(checkThresholds(HIGHER_IS_BETTER, null, undefined)).toEqual({ greenThreshold: null, amberThreshold: null });
    expect(failure(() => checkThresholds(HIGHER_IS_BETTER, 1, null))).toEqual({ code: 'BAD_USER_INPUT', field: 'amberThreshold' });
    expect(failure(() => checkThresholds(LOWER_IS_BETTER, undefined, 3))).toEqual({ code: 'BAD_USER_INPUT', field: 'greenThreshold' });
  });

  it('put green on the better side of amber', () => {
    expect(checkThresholds(HIGHER_IS_BETTER, 0.95, 0.9)).toEqual({ greenThreshold: 0.95, amberThreshold: 0.9 });
    expect(checkThresholds(HIGHER_IS_BETTER, 1, 1)).toEqual({ greenThreshold: 1, amberThreshold: 1 });
    expect(failure(() => checkThresholds(HIGHER_IS_BETTER, 0.8, 0.9))).toMatchObject({ code: 'BAD_USER_INPUT' });
    expect(checkThresholds(LOWER_IS_BETTER, 5, 10)).toEqual({ greenThreshold: 5, amberThreshold: 10 });
    expect(checkThresholds(LOWER_IS_BETTER, -2, -2)).toEqual({ greenThreshold: -2, amberThreshold: -2 });
    expect(failure(() => checkThresholds(LOWER_IS_BETTER, 10, 5))).toMatchObject({ code: 'BAD_USER_INPUT' });
  });

  it('are finite numbers', () => {
    expect(failure(() => checkThresholds(HIGHER_IS_BETTER, Infinity, 1))).toEqual({ code: 'BAD_USER_INPUT', field: 'greenThreshold' });
    expect(failure(() => checkThresholds(LOWER_IS_BETTER, 1, NaN))).toEqual({ code: 'BAD_USER_INPUT', field: 'amberThreshold' });
  });
});

describe('texts', () => {
  it('trims and bounds required text', () => {
    expect(checkText('  Cost index ', 'name')).toBe('Cost index');
    expect(failure(() => checkText('  ', 'name'))).toEqual({ code: 'BAD_USER_INPUT', field: 'name' });
    expect(failure(() => checkText('x'.repeat(201), 'name'))).toEqual({ code: 'BAD_USER_INPUT', field: 'name' });
  });

  it('reads blank optional text as none', () => {
    expect(optionalText(undefined, 'unit', 50)).toBeNull();
    expect(optionalText('   ', 'unit', 50)).toBeNull();
    expect(optionalText(' % ', 'unit', 50)).toBe('%');
    expect(failure(() => optionalText('x'.repeat(51), 'unit', 50))).toEqual({ code: 'BAD_USER_INPUT', field: 'unit' });
  });
});

describe('document template sections', () => {
  it('are the level-2 headings, in order', () => {
    const body = ['# Project charter', '', '## Purpose', 'Why.', '### Detail', '## Scope ##', '##Not a heading', '  ## Indented ', '## '].join('\n');
    expect(sectionsOf(body)).toEqual(['Purpose', 'Scope', 'Indented']);
  });

  it('ignore headings inside code fences and lines indented as code', () => {
    const body = ['## Before', '```md', '## Inside', '```', '~~~~', '## Also inside', '```', '~~~~', '    ## Code block', '## After'].join('\r\n');
    expect(sectionsOf(body)).toEqual(['Before', 'After']);
  });

  it('are empty without headings', () => {
    expect(sectionsOf('')).toEqual([]);
    expect(sectionsOf('Plain text\n# Only a title')).toEqual([]);
  });

  it('bound the body at 100 KB of UTF-8', () => {
    expect(checkTemplateBody('x'.repeat(100 * 1024))).toHaveLength(100 * 1024);
    expect(failure(() => checkTemplateBody('x'.repeat(100 * 1024 + 1)))).toEqual({ code: 'BAD_USER_INPUT', field: 'body' });
    expect(failure(() => checkTemplateBody('é'.repeat(60 * 1024)))).toEqual({ code: 'BAD_USER_INPUT', field: 'body' });
  });
});

describe('methodologies', () => {
  const gate = (name: string) => ({ name, deliverables: [' Charter '], approverRole: Role.PMO_LEAD });
  const phases: MethodologyDefinition['phases'] = [
    { name: ' Initiate ', gate: gate('G1') },
    { name: 'Deliver', gate: gate('G2') },
  ];

  it('normalize a valid definition, defaulting the cadence to MONTHLY on day 5', () => {
    expect(checkMethodology({ phases, milestones: [{ name: 'Kick-off', phase: 'Initiate', offsetDays: 0 }] })).toEqual({
      phases: [
        { name: 'Initiate', gate: { name: 'G1', deliverables: ['Charter'], approverRole: Role.PMO_LEAD } },
        { name: 'Deliver', gate: { name: 'G2', deliverables: ['Charter'], approverRole: Role.PMO_LEAD } },
      ],
      milestones: [{ name: 'Kick-off', phase: 'Initiate', offsetDays: 0 }],
      cadence: { frequency: 'MONTHLY', dueDay: 5 },
    });
  });

  it('need at least one phase, with unique names', () => {
    expect(failure(() => checkMethodology({ phases: [] }))).toEqual({ code: 'BAD_USER_INPUT', field: 'phases' });
    expect(failure(() => checkMethodology({ phases: [...phases, { name: 'deliver', gate: gate('G3') }] }))).toEqual({
      code: 'BAD_USER_INPUT',
      field: 'phases.name',
    });
    expect(failure(() => checkMethodology({ phases: [{ name: 'P', gate: { ...gate(' '), deliverables: [] } }] }))).toEqual({
      code: 'BAD_USER_INPUT',
      field: 'phases.gate.name',
    });
  });

  it('place every milestone in an existing phase, on a whole day from the start', () => {
    expect(failure(() => checkMethodology({ phases, milestones: [{ name: 'M', phase: 'Close', offsetDays: 3 }] }))).toEqual({
      code: 'BAD_USER_INPUT',
      field: 'milestones.phase',
    });
    for (const offsetDays of [-1, 1.5, 3651]) {
      expect(failure(() => checkMethodology({ phases, milestones: [{ name: 'M', phase: 'Deliver', offsetDays }] }))).toEqual({
        code: 'BAD_USER_INPUT',
        field: 'milestones.offsetDays',
      });
    }
  });

  it('want a due day every month has', () => {
    expect(checkMethodology({ phases, cadence: { dueDay: 28 } }).cadence.dueDay).toBe(28);
    for (const dueDay of [0, 29, 2.5]) {
      expect(failure(() => checkMethodology({ phases, cadence: { dueDay } }))).toEqual({ code: 'BAD_USER_INPUT', field: 'cadence.dueDay' });
    }
  });
});
