// Standards the hub and its spokes publish: KPI definitions, methodologies with phase
// gates, milestone templates and a reporting cadence, document templates, a glossary.
import { Module } from '@nestjs/common';
import { DocumentTemplateResolver } from './document-template/document-template.resolver';
import { DocumentTemplateService } from './document-template/document-template.service';
import { GlossaryRepository } from './glossary/glossary.repository';
import { GlossaryResolver } from './glossary/glossary.resolver';
import { GlossaryService } from './glossary/glossary.service';
import { KpiDefinitionResolver } from './kpi/kpi-definition.resolver';
import { KpiDefinitionService } from './kpi/kpi-definition.service';
import { LifecycleRepository } from './lifecycle/lifecycle.repository';
import { StandardLifecycle } from './lifecycle/standard-lifecycle.service';
import { MethodologyResolver } from './methodology/methodology.resolver';
import { MethodologyService } from './methodology/methodology.service';
import { StandardOwners } from './standard-owners';
import { StandardOwnersRepository } from './standard-owners.repository';

@Module({
  providers: [
    StandardOwnersRepository,
    StandardOwners,
    LifecycleRepository,
    StandardLifecycle,
    KpiDefinitionService,
    KpiDefinitionResolver,
    MethodologyService,
    MethodologyResolver,
    DocumentTemplateService,
    DocumentTemplateResolver,
    GlossaryRepository,
    GlossaryService,
    GlossaryResolver,
  ],
})
export class StandardsModule {}
