import { Field, ID, Int, ObjectType, registerEnumType } from '@nestjs/graphql';
import { StandardStatus } from '@pmo/shared';

export enum DocumentKind {
  CHARTER = 'CHARTER',
  PLAN = 'PLAN',
  STATUS_REPORT = 'STATUS_REPORT',
  RISK_REGISTER = 'RISK_REGISTER',
  CLOSURE_REPORT = 'CLOSURE_REPORT',
  LESSONS_LEARNED = 'LESSONS_LEARNED',
}

registerEnumType(DocumentKind, { name: 'DocumentKind' });

@ObjectType('DocumentTemplate', { description: "A Markdown template for a project document, in force for the owner's subtree once published." })
export class DocumentTemplateModel {
  @Field(() => ID) id: string;
  @Field() title: string;
  @Field(() => DocumentKind) kind: DocumentKind;
  @Field({ description: 'Markdown, at most 100 KB' }) body: string;
  @Field(() => StandardStatus) status: StandardStatus;
  @Field(() => Int, { description: 'Counts the changes made after publishing' }) version: number;
  @Field() updatedAt: Date;
  tenantId: string;
  orgId: string;
}
