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

@InputType({
  description:
    'Invites a user by email: they hold the role once they accept (acceptInvitation). With a password and an email that has no account yet, creates the account, ACTIVE at once.',
})
export class AddMemberInput {
  @Field(() => ID) tenantId: string;
  @Field() email: string;
  @Field({ nullable: true }) password?: string;
  @Field(() => Role) role: Role;
}

@InputType()
export class ChangePasswordInput {
  @Field() currentPassword: string;
  @Field({ description: 'At least 12 characters' }) newPassword: string;
}
