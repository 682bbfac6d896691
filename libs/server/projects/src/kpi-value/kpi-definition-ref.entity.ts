import { Entity, PrimaryColumn } from 'typeorm';

/**
 * kpi_definitions as far as this library needs an entity: the target of kpi_values'
 * foreign key, which TypeORM must know to compare it with the database. The table is the
 * standards library's (its entity declares and checks it), and a feature may not import
 * another, so this one is left out of the schema comparison. Reads of KPI definitions
 * are named statements (kpi-value.sql.ts).
 */
@Entity({ name: 'kpi_definitions', synchronize: false })
export class KpiDefinitionRef {
  @PrimaryColumn('uuid') id: string;
}
