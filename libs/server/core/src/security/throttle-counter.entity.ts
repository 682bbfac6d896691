import { Column, Entity, PrimaryColumn } from 'typeorm';

/**
 * The throttle's counters without Redis, in rate-limiter-flexible's own layout: the
 * library reads and writes them; declared here so the schema has one model.
 */
@Entity('throttle_counters')
export class ThrottleCounterEntity {
  /** The limiter's prefix and a hash of the address or account. */
  @PrimaryColumn('varchar', { length: 255 }) key: string;
  @Column('integer', { default: 0 }) points: number;
  /** Epoch milliseconds; null never expires. */
  @Column('bigint', { nullable: true }) expire: string | null;
}
