import { Args, ID, Mutation, Parent, Query, ResolveField, Resolver } from '@nestjs/graphql';
import { TenantModel } from '@pmo/core';
import { StandardOwners } from '../standard-owners';
import { sectionsOf } from './document-template.rules';
import { CreateDocumentTemplateInput, UpdateDocumentTemplateInput } from './document-template.inputs';
import { DocumentTemplateModel } from './document-template.model';
import { DocumentTemplateService } from './document-template.service';

@Resolver(() => DocumentTemplateModel)
export class DocumentTemplateResolver {
  constructor(
    private readonly templates: DocumentTemplateService,
    private readonly owners: StandardOwners,
  ) {}

  @Query(() => [DocumentTemplateModel], { description: "The document templates in force for a tenant: its own and its ancestors' published ones." })
  documentTemplates(@Args('tenantId', { type: () => ID }) tenantId: string) {
    return this.templates.inForce(tenantId);
  }

  @Query(() => DocumentTemplateModel, { nullable: true })
  documentTemplate(@Args('id', { type: () => ID }) id: string) {
    return this.templates.find(id);
  }

  @Mutation(() => DocumentTemplateModel, { description: 'DRAFT' })
  createDocumentTemplate(@Args('input') input: CreateDocumentTemplateInput) {
    return this.templates.create(input);
  }

  @Mutation(() => DocumentTemplateModel)
  updateDocumentTemplate(@Args('input') input: UpdateDocumentTemplateInput) {
    return this.templates.update(input);
  }

  @Mutation(() => DocumentTemplateModel, { description: 'PUBLISHED' })
  publishDocumentTemplate(@Args('id', { type: () => ID }) id: string) {
    return this.templates.publish(id);
  }

  @Mutation(() => DocumentTemplateModel, { description: 'RETIRED' })
  retireDocumentTemplate(@Args('id', { type: () => ID }) id: string) {
    return this.templates.retire(id);
  }

  @ResolveField(() => [String], { description: 'The titles of the body’s "## " headings, in order' })
  sections(@Parent() template: DocumentTemplateModel) {
    return sectionsOf(template.body);
  }

  @ResolveField(() => TenantModel)
  owner(@Parent() template: DocumentTemplateModel) {
    return this.owners.owner(template.tenantId);
  }
}
