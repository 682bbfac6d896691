// Methodologies in the standards lifecycle: `definition` holds the current phases,
// milestones and cadence; every published version is kept in methodology_versions.
import { VersionedStandard } from '../lifecycle/standard';
import { MethodologyVersionEntity } from './methodology-version.entity';
import { MethodologyEntity } from './methodology.entity';
import { MethodologyModel, MethodologyVersionModel } from './methodology.model';
import { MethodologyDefinition, withDefaults } from './methodology.rules';

/** The snapshot shape, and nothing else: projects read it. */
const snapshotOf = (definition: MethodologyDefinition): MethodologyDefinition => ({
  phases: definition.phases.map((phase) => ({
    name: phase.name,
    gate: {
      name: phase.gate.name,
      deliverables: phase.gate.deliverables,
      approverRole: phase.gate.approverRole,
      quorum: phase.gate.quorum,
      minApproverLevel: phase.gate.minApproverLevel,
    },
  })),
  milestones: definition.milestones.map((milestone) => ({ name: milestone.name, phase: milestone.phase, offsetDays: milestone.offsetDays })),
  cadence: { frequency: definition.cadence.frequency, dueDay: definition.cadence.dueDay, graceDays: definition.cadence.graceDays },
});

export const METHODOLOGIES: VersionedStandard<MethodologyEntity, MethodologyModel, MethodologyVersionEntity, MethodologyVersionModel> = {
  entity: MethodologyEntity,
  noun: 'methodology',
  audit: 'methodology',
  order: ['lower(s.name)', 's.id'],
  toModel: (methodology) => ({
    id: methodology.id,
    name: methodology.name,
    description: methodology.description,
    ...withDefaults(methodology.definition),
    status: methodology.status,
    version: methodology.version,
    updatedAt: methodology.updatedAt,
    tenantId: methodology.tenantId,
    orgId: methodology.orgId,
  }),
  versions: {
    entity: MethodologyVersionEntity,
    standardId: 'methodologyId',
    of: (methodology) => ({
      methodologyId: methodology.id,
      version: methodology.version,
      tenantId: methodology.tenantId,
      orgId: methodology.orgId,
      name: methodology.name,
      snapshot: snapshotOf(methodology.definition),
    }),
    toModel: ({ methodologyId, version, name, publishedAt, snapshot }) => ({ methodologyId, version, name, publishedAt, ...withDefaults(snapshot) }),
  },
};
