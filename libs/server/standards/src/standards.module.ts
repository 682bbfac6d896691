// Standards the hub and its spokes publish: KPI definitions, methodologies with phase
// gates, milestone templates and a reporting cadence, document templates, a glossary.
import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { DocumentTemplateEntity } from './document-template/document-template.entity';
import { DocumentTemplateResolver } from './document-template/document-template.resolver';
import { DocumentTemplateService } from './document-template/document-template.service';
import { GlossaryTermEntity } from './glossary/glossary-term.entity';
import { GlossaryRepository } from './glossary/glossary.repository';
import { GlossaryResolver } from './glossary/glossary.resolver';
import { GlossaryService } from './glossary/glossary.service';
import { KpiDefinitionVersionEntity } from './kpi/kpi-definition-version.entity';
import { KpiDefinitionEntity } from './kpi/kpi-definition.entity';
import { KpiDefinitionResolver } from './kpi/kpi-definition.resolver';
import { KpiDefinitionService } from './kpi/kpi-definition.service';
import { LifecycleRepository } from './lifecycle/lifecycle.repository';
import { StandardLifecycle } from './lifecycle/standard-lifecycle.service';
import { MethodologyVersionEntity } from './methodology/methodology-version.entity';
import { MethodologyEntity } from './methodology/methodology.entity';
import { MethodologyResolver } from './methodology/methodology.resolver';
import { MethodologyService } from './methodology/methodology.service';
import { StandardOwners } from './standard-owners';
import { StandardOwnersRepository } from './standard-owners.repository';

@Module({
  imports: [
    TypeOrmModule.forFeature([
      KpiDefinitionEntity,
      KpiDefinitionVersionEntity,
      MethodologyEntity,
      MethodologyVersionEntity,
      DocumentTemplateEntity,
      GlossaryTermEntity,
    ]),
  ],
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
