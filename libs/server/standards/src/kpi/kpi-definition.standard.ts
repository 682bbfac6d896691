// KPI definitions in the standards lifecycle: every published version is kept in
// kpi_definition_versions, a snapshot of the definition's fields.
import { badInput } from '@pmo/core';
import { VersionedStandard } from '../lifecycle/standard';
import { KpiDefinitionVersionEntity, KpiSnapshot } from './kpi-definition-version.entity';
import { KpiDefinitionEntity } from './kpi-definition.entity';
import { KpiDefinitionModel, KpiDefinitionVersionModel } from './kpi-definition.model';

const snapshotOf = (kpi: KpiDefinitionEntity): KpiSnapshot => ({
  key: kpi.key,
  name: kpi.name,
  description: kpi.description,
  unit: kpi.unit,
  aggregation: kpi.aggregation,
  direction: kpi.direction,
  greenThreshold: kpi.greenThreshold,
  amberThreshold: kpi.amberThreshold,
  mandatory: kpi.mandatory,
});

export const KPI_DEFINITIONS: VersionedStandard<KpiDefinitionEntity, KpiDefinitionModel, KpiDefinitionVersionEntity, KpiDefinitionVersionModel> = {
  entity: KpiDefinitionEntity,
  noun: 'KPI definition',
  audit: 'kpi_definition',
  order: ['s.key'],
  checkChangeable: (kpi) => {
    if (kpi.builtIn) throw badInput(`KPI "${kpi.key}" is built in and kept by the system`, { field: 'id' });
  },
  toModel: (kpi) => ({
    id: kpi.id,
    ...snapshotOf(kpi),
    builtIn: kpi.builtIn,
    status: kpi.status,
    version: kpi.version,
    updatedAt: kpi.updatedAt,
    tenantId: kpi.tenantId,
    orgId: kpi.orgId,
  }),
  versions: {
    entity: KpiDefinitionVersionEntity,
    standardId: 'kpiId',
    of: (kpi) => ({ kpiId: kpi.id, version: kpi.version, orgId: kpi.orgId, tenantId: kpi.tenantId, snapshot: snapshotOf(kpi) }),
    toModel: ({ kpiId, version, snapshot, createdAt }) => ({ ...snapshot, kpiId, version, publishedAt: createdAt }),
  },
};
