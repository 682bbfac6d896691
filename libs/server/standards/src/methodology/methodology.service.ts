// Methodologies: phases ending in gates, milestone templates and a reporting cadence,
// through the standards lifecycle. Projects follow a fixed published version.
import { Injectable } from '@nestjs/common';
import { StandardLifecycle } from '../lifecycle/standard-lifecycle.service';
import { CreateMethodologyInput, UpdateMethodologyInput } from './methodology.inputs';
import { MethodologyModel, MethodologyVersionModel } from './methodology.model';
import { checkMethodology } from './methodology.rules';
import { METHODOLOGIES } from './methodology.standard';

@Injectable()
export class MethodologyService {
  constructor(private readonly lifecycle: StandardLifecycle) {}

  find(id: string): Promise<MethodologyModel | null> {
    return this.lifecycle.find(METHODOLOGIES, id);
  }

  inForce(tenantId: string): Promise<MethodologyModel[]> {
    return this.lifecycle.inForce(METHODOLOGIES, tenantId);
  }

  create(input: CreateMethodologyInput): Promise<MethodologyModel> {
    const definition = checkMethodology(input);
    return this.lifecycle.create(METHODOLOGIES, input.tenantId, { name: input.name, description: input.description ?? null, definition });
  }

  /** A draft changes in place; a published methodology is published again as its next version. */
  update(input: UpdateMethodologyInput): Promise<MethodologyModel> {
    return this.lifecycle.revise(METHODOLOGIES, input.id, (methodology) => ({
      name: input.name ?? methodology.name,
      description: input.description === undefined ? methodology.description : input.description,
      definition: checkMethodology({
        phases: input.phases ?? methodology.definition.phases,
        milestones: input.milestones ?? methodology.definition.milestones,
        cadence: input.cadence ?? methodology.definition.cadence,
      }),
    }));
  }

  publish(id: string): Promise<MethodologyModel> {
    return this.lifecycle.publish(METHODOLOGIES, id);
  }

  retire(id: string): Promise<MethodologyModel> {
    return this.lifecycle.retire(METHODOLOGIES, id);
  }

  versions(methodologyId: string): Promise<MethodologyVersionModel[]> {
    return this.lifecycle.versions(METHODOLOGIES, methodologyId);
  }
}
