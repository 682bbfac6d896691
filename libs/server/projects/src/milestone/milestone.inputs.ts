import { Field, ID, InputType } from '@nestjs/graphql';
import { CalendarDate, OptionalText, Text } from '@pmo/core';

@InputType()
export class AddMilestoneInput {
  @Field(() => ID) projectId: string;
  @Field() @Text() name: string;
  @Field({ description: 'YYYY-MM-DD' }) @CalendarDate() dueDate: string;
  @Field(() => String, { nullable: true }) @OptionalText(200) phase?: string | null;
}
