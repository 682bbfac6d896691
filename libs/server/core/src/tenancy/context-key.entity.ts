import { Check, Column, Entity, PrimaryColumn } from 'typeorm';

/**
 * The one key that signs tenant contexts. Only the database's definer functions read it
 * (RLS without a policy hides it from every other role); no service ever does.
 */
@Entity('pmo_context_key')
@Check('pmo_context_key_id_check', 'id = 1')
export class ContextKeyEntity {
  @PrimaryColumn('int') id: number;
  @Column('bytea') key: Buffer;
}
