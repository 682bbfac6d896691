import { Field, ID, InputType } from '@nestjs/graphql';
import { Role } from '@pmo/shared';

@InputType()
export class SignUpInput {
  @Field() organizationName: string;
  @Field() email: string;
  @Field({ description: 'At least 12 characters' }) password: string;
}

@InputType()
export class LoginInput {
  @Field() email: string;
  @Field() password: string;
}

@InputType()
export class CreateSpokeInput {
  @Field(() => ID) parentId: string;
  @Field() name: string;
}

@InputType({ description: 'Adds an existing user, or creates one when password is given.' })
export class AddMemberInput {
  @Field(() => ID) tenantId: string;
  @Field() email: string;
  @Field({ nullable: true }) password?: string;
  @Field(() => Role) role: Role;
}
