// KPI definitions: create as a draft, publish, revise (a published definition keeps every
// version it had), retire, through the standards lifecycle. Aggregation and direction are
// fixed once created, so values reported under any version stay comparable.
import { Injectable } from '@nestjs/common';
import { StandardLifecycle } from '../lifecycle/standard-lifecycle.service';
import { CreateKpiDefinitionInput, UpdateKpiDefinitionInput } from './kpi-definition.inputs';
import { KpiDefinitionModel, KpiDefinitionVersionModel } from './kpi-definition.model';
import { checkThresholds } from './kpi-definition.rules';
import { KPI_DEFINITIONS } from './kpi-definition.standard';

@Injectable()
export class KpiDefinitionService {
  constructor(private readonly lifecycle: StandardLifecycle) {}

  find(id: string): Promise<KpiDefinitionModel | null> {
    return this.lifecycle.find(KPI_DEFINITIONS, id);
  }

  inForce(tenantId: string): Promise<KpiDefinitionModel[]> {
    return this.lifecycle.inForce(KPI_DEFINITIONS, tenantId);
  }

  create(input: CreateKpiDefinitionInput): Promise<KpiDefinitionModel> {
    const thresholds = checkThresholds(input.direction, input.greenThreshold, input.amberThreshold);
    return this.lifecycle.create(KPI_DEFINITIONS, input.tenantId, {
      key: input.key,
      name: input.name,
      description: input.description ?? null,
      unit: input.unit ?? null,
      aggregation: input.aggregation,
      direction: input.direction,
      ...thresholds,
      mandatory: input.mandatory ?? false,
      builtIn: false,
    });
  }

  /** A draft changes in place; a published definition becomes its next version at once. */
  update(input: UpdateKpiDefinitionInput): Promise<KpiDefinitionModel> {
    return this.lifecycle.revise(KPI_DEFINITIONS, input.id, (kpi) => ({
      name: input.name ?? kpi.name,
      description: input.description === undefined ? kpi.description : input.description,
      unit: input.unit === undefined ? kpi.unit : input.unit,
      mandatory: input.mandatory ?? kpi.mandatory,
      ...checkThresholds(
        kpi.direction,
        input.greenThreshold === undefined ? kpi.greenThreshold : input.greenThreshold,
        input.amberThreshold === undefined ? kpi.amberThreshold : input.amberThreshold,
      ),
    }));
  }

  publish(id: string): Promise<KpiDefinitionModel> {
    return this.lifecycle.publish(KPI_DEFINITIONS, id);
  }

  retire(id: string): Promise<KpiDefinitionModel> {
    return this.lifecycle.retire(KPI_DEFINITIONS, id);
  }

  versions(kpiId: string): Promise<KpiDefinitionVersionModel[]> {
    return this.lifecycle.versions(KPI_DEFINITIONS, kpiId);
  }
}
