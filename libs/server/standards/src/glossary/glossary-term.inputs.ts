import { Field, ID, InputType } from '@nestjs/graphql';

@InputType()
export class CreateGlossaryTermInput {
  @Field(() => ID) tenantId: string;
  @Field() term: string;
  @Field() definition: string;
}

@InputType({ description: 'Omitted fields keep their value.' })
export class UpdateGlossaryTermInput {
  @Field(() => ID) id: string;
  @Field(() => String, { nullable: true }) term?: string | null;
  @Field(() => String, { nullable: true }) definition?: string | null;
}
