import { Field, ID, InputType } from '@nestjs/graphql';
import { IsByteLength, IsOptional } from 'class-validator';
import { NotNull, Text } from '@pmo/core';
import { DocumentKind } from './document-template.model';
import { MAX_TEMPLATE_BODY_BYTES } from './document-template.rules';

const BodySize = () => IsByteLength(0, MAX_TEMPLATE_BODY_BYTES, { message: `body must be at most ${MAX_TEMPLATE_BODY_BYTES / 1024} KB` });

@InputType()
export class CreateDocumentTemplateInput {
  @Field(() => ID) tenantId: string;
  @Field() @Text() title: string;
  @Field(() => DocumentKind) kind: DocumentKind;
  @Field({ description: 'Markdown, at most 100 KB; its "## " headings are the sections' }) @BodySize() body: string;
}

@InputType({ description: 'Omitted fields keep their value. A published template counts a new version.' })
export class UpdateDocumentTemplateInput {
  @Field(() => ID) id: string;
  @Field(() => String, { nullable: true }) @NotNull() @IsOptional() @Text() title?: string;
  @Field(() => DocumentKind, { nullable: true }) @NotNull() kind?: DocumentKind;
  @Field(() => String, { nullable: true }) @NotNull() @IsOptional() @BodySize() body?: string;
}
