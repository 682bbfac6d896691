import { Entity, PrimaryColumn } from 'typeorm';

/**
 * projects as far as governance needs an entity: the target of its tables' foreign keys,
 * which TypeORM must know to compare them with the database. The table is the projects
 * library's (its entity declares it) and a feature may not import another, so this one is
 * left out of the schema comparison. Governance reads projects through named statements.
 */
@Entity({ name: 'projects', synchronize: false })
export class ProjectRef {
  @PrimaryColumn('uuid') id: string;
}
