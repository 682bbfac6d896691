import { Field, ID, ObjectType } from '@nestjs/graphql';
import { ProgramEntity } from './program.entity';

@ObjectType('Program', { description: 'A group of projects inside one tenant.' })
export class ProgramModel {
  @Field(() => ID) id: string;
  @Field() name: string;
  @Field(() => String, { nullable: true }) description: string | null;
  @Field() createdAt: Date;
  tenantId: string;
}

export const programModel = (row: ProgramEntity): ProgramModel => ({
  id: row.id,
  tenantId: row.tenantId,
  name: row.name,
  description: row.description,
  createdAt: row.createdAt,
});
