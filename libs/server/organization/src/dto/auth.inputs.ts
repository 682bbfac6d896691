import { ArgsType, Field, ID, InputType, Int } from '@nestjs/graphql';
import { IsOptional, Max, Min } from 'class-validator';
import { Role } from '@pmo/shared';
import { Text } from '@pmo/core';
import { Email, LoginEmail, MAX_PAGE_SIZE, NewPassword } from '../validation';

@InputType()
export class SignUpInput {
  @Field() @Text() organizationName: string;
  @Field() @Email() email: string;
  @Field({ description: 'At least 12 characters' }) @NewPassword() password: string;
}

@InputType()
export class LoginInput {
  @Field() @LoginEmail() email: string;
  @Field() password: string;
}

@InputType()
export class CreateSpokeInput {
  @Field(() => ID) parentId: string;
  @Field() @Text() name: string;
}

@InputType({
  description:
    'Invites a user by email: they hold the role once they accept (acceptInvitation). With a password and an email that has no account yet, creates the account, ACTIVE at once.',
})
export class AddMemberInput {
  @Field(() => ID) tenantId: string;
  @Field() @Email() email: string;
  @Field({ nullable: true }) @IsOptional() @NewPassword() password?: string;
  @Field(() => Role) role: Role;
}

@InputType()
export class ChangePasswordInput {
  @Field() currentPassword: string;
  @Field({ description: 'At least 12 characters' }) @NewPassword() newPassword: string;
}

@ArgsType()
export class AuditLogArgs {
  @Field(() => ID) tenantId: string;
  @Field(() => Int, { defaultValue: 50 })
  @Min(1, { message: `$property must be from 1 to ${MAX_PAGE_SIZE}` })
  @Max(MAX_PAGE_SIZE, { message: `$property must be from 1 to ${MAX_PAGE_SIZE}` })
  first: number;
  @Field(() => String, { nullable: true }) after?: string | null;
}
