import { Field, ID, InputType } from '@nestjs/graphql';
import { OptionalText, Period, Text } from '@pmo/core';
import { Rag } from '@pmo/shared';

@InputType()
export class SubmitStatusReportInput {
  @Field(() => ID) projectId: string;
  @Field({ description: 'YYYY-MM' }) @Period() period: string;
  @Field(() => Rag) overall: Rag;
  @Field(() => Rag, { nullable: true }) schedule?: Rag;
  @Field(() => Rag, { nullable: true }) cost?: Rag;
  @Field(() => Rag, { nullable: true }) scope?: Rag;
  @Field() @Text(10000) summary: string;
  @Field(() => String, { nullable: true }) @OptionalText() nextSteps?: string | null;
}
