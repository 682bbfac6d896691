import { Field, ID, InputType } from '@nestjs/graphql';
import { OptionalText, Text } from '@pmo/core';

@InputType()
export class CreateProgramInput {
  @Field(() => ID) tenantId: string;
  @Field() @Text() name: string;
  @Field(() => String, { nullable: true }) @OptionalText() description?: string | null;
}
