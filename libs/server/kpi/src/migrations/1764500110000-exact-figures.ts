// A rollup's figure as exact numeric, for reads to turn into a double item by item. The
// cast to double precision used to sit inside pmo_kpi_value, so one figure beyond any
// double (two SUM values of 1.7e308) failed the whole statement, and with it a hub's
// every KPI. Its RAG is decided for any figure.
import { MigrationInterface, QueryRunner } from 'typeorm';

export class ExactFigures1764500110000 implements MigrationInterface {
  name = 'ExactFigures1764500110000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`
      CREATE FUNCTION pmo_kpi_figure(aggregation text, n bigint, s numeric, ws numeric, w numeric, mn numeric, mx numeric)
        RETURNS numeric LANGUAGE sql IMMUTABLE AS $f$
        SELECT CASE WHEN n IS NULL OR n = 0 THEN NULL ELSE CASE aggregation
          WHEN 'SUM' THEN s
          WHEN 'AVG' THEN s / n
          WHEN 'WEIGHTED_AVG' THEN ws / nullif(w, 0)
          WHEN 'MIN' THEN mn
          WHEN 'MAX' THEN mx END END
      $f$;
      CREATE OR REPLACE FUNCTION pmo_kpi_value(aggregation text, n bigint, s numeric, ws numeric, w numeric, mn numeric, mx numeric)
        RETURNS double precision LANGUAGE sql IMMUTABLE AS $f$
        SELECT pmo_kpi_figure(aggregation, n, s, ws, w, mn, mx)::double precision
      $f$;

      -- The RAG of an exact figure, by the one rule on doubles: beyond the double's range
      -- it compares as infinity, and a non-zero figure too small for a double as 0 (no
      -- threshold tells them apart), instead of failing the cast.
      CREATE FUNCTION pmo_rag(value numeric, direction text, green double precision, amber double precision)
        RETURNS text LANGUAGE sql IMMUTABLE AS $f$
        SELECT pmo_rag(CASE
          WHEN abs(value) > 1.7976931348623157e308 THEN sign(value) * 'Infinity'::double precision
          WHEN abs(value) < 1e-307 THEN 0
          ELSE value::double precision END, direction, green, amber)
      $f$;
    `);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`
      DROP FUNCTION pmo_rag(numeric, text, double precision, double precision);
      CREATE OR REPLACE FUNCTION pmo_kpi_value(aggregation text, n bigint, s numeric, ws numeric, w numeric, mn numeric, mx numeric)
        RETURNS double precision LANGUAGE sql IMMUTABLE AS $f$
        SELECT CASE WHEN n IS NULL OR n = 0 THEN NULL ELSE (CASE aggregation
          WHEN 'SUM' THEN s
          WHEN 'AVG' THEN s / n
          WHEN 'WEIGHTED_AVG' THEN ws / nullif(w, 0)
          WHEN 'MIN' THEN mn
          WHEN 'MAX' THEN mx END)::double precision END
      $f$;
      DROP FUNCTION pmo_kpi_figure;
    `);
  }
}
