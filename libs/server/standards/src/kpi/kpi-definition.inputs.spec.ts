import { KpiAggregation, KpiDirection } from '@pmo/shared';
import { DomainError, inputShapePipe } from '@pmo/core';
import { CreateKpiDefinitionInput, UpdateKpiDefinitionInput } from './kpi-definition.inputs';

const pipe = inputShapePipe();
const shape = async <T>(metatype: new () => T, value: object): Promise<T | { code: string; field: unknown }> => {
  try {
    return (await pipe.transform(value, { type: 'body', metatype })) as T;
  } catch (error) {
    const { code, details } = error as DomainError;
    return { code, field: details?.field };
  }
};

const base = { tenantId: '00000000-0000-4000-8000-000000000001', name: 'Index', aggregation: KpiAggregation.AVG, direction: KpiDirection.HIGHER_IS_BETTER };

describe('KPI definition input shape', () => {
  it('accepts keys [a-z][a-z0-9_]{1,62}', async () => {
    for (const key of ['cpi', 'on_time_delivery', 'a1', `a${'b'.repeat(62)}`]) {
      expect(await shape(CreateKpiDefinitionInput, { ...base, key })).toMatchObject({ key });
    }
  });

  it('refuses any other key, naming the field', async () => {
    for (const key of ['', 'a', '1abc', '_abc', 'Cpi', 'on-time', 'cpi ', ' cpi', 'spi.1', `a${'b'.repeat(63)}`, 'café']) {
      expect(await shape(CreateKpiDefinitionInput, { ...base, key })).toEqual({ code: 'BAD_USER_INPUT', field: 'key' });
    }
  });

  it('trims and bounds its texts; blank optional text is none', async () => {
    expect(await shape(CreateKpiDefinitionInput, { ...base, key: 'cpi', name: '  Cost index ', unit: '   ', description: ' Why ' })).toMatchObject({
      name: 'Cost index',
      unit: null,
      description: 'Why',
    });
    expect(await shape(CreateKpiDefinitionInput, { ...base, key: 'cpi', name: '  ' })).toEqual({ code: 'BAD_USER_INPUT', field: 'name' });
    expect(await shape(CreateKpiDefinitionInput, { ...base, key: 'cpi', name: 'x'.repeat(201) })).toEqual({ code: 'BAD_USER_INPUT', field: 'name' });
    expect(await shape(CreateKpiDefinitionInput, { ...base, key: 'cpi', unit: 'x'.repeat(51) })).toEqual({ code: 'BAD_USER_INPUT', field: 'unit' });
  });

  it('lets an update leave fields out and clear optional ones, never the name or the mandatory flag', async () => {
    const id = '00000000-0000-4000-8000-000000000002';
    expect(await shape(UpdateKpiDefinitionInput, { id, unit: null })).toEqual({ id, unit: null });
    expect(await shape(UpdateKpiDefinitionInput, { id, name: ' New ' })).toEqual({ id, name: 'New' });
    expect(await shape(UpdateKpiDefinitionInput, { id, name: null })).toEqual({ code: 'BAD_USER_INPUT', field: 'name' });
    expect(await shape(UpdateKpiDefinitionInput, { id, mandatory: null })).toEqual({ code: 'BAD_USER_INPUT', field: 'mandatory' });
  });
});
