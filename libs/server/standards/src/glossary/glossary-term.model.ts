import { Field, ID, ObjectType } from '@nestjs/graphql';

@ObjectType('GlossaryTerm', { description: "A term as the owner's subtree uses it; in force as soon as it is written." })
export class GlossaryTermModel {
  @Field(() => ID) id: string;
  @Field({ description: 'Unique per owner, ignoring case' }) term: string;
  @Field() definition: string;
  @Field() updatedAt: Date;
  tenantId: string;
  orgId: string;
}
