import { Field, ID, InputType } from '@nestjs/graphql';
import { DocumentKind } from './document-template.model';

@InputType()
export class CreateDocumentTemplateInput {
  @Field(() => ID) tenantId: string;
  @Field() title: string;
  @Field(() => DocumentKind) kind: DocumentKind;
  @Field({ description: 'Markdown, at most 100 KB; its "## " headings are the sections' }) body: string;
}

@InputType({ description: 'Omitted fields keep their value. A published template counts a new version.' })
export class UpdateDocumentTemplateInput {
  @Field(() => ID) id: string;
  @Field(() => String, { nullable: true }) title?: string | null;
  @Field(() => DocumentKind, { nullable: true }) kind?: DocumentKind | null;
  @Field(() => String, { nullable: true }) body?: string | null;
}
