import { Field, ID, InputType } from '@nestjs/graphql';
import { IsOptional } from 'class-validator';
import { NotNull, Text } from '@pmo/core';

const MAX_DEFINITION = 10000;

@InputType()
export class CreateGlossaryTermInput {
  @Field(() => ID) tenantId: string;
  @Field() @Text() term: string;
  @Field() @Text(MAX_DEFINITION) definition: string;
}

@InputType({ description: 'Omitted fields keep their value.' })
export class UpdateGlossaryTermInput {
  @Field(() => ID) id: string;
  @Field(() => String, { nullable: true }) @NotNull() @IsOptional() @Text() term?: string;
  @Field(() => String, { nullable: true }) @NotNull() @IsOptional() @Text(MAX_DEFINITION) definition?: string;
}
