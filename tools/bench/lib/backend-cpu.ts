// CPU of one database's PostgreSQL backends, by role (the api's pmo_app, the worker's
// pmo_worker), read from /proc while a benchmark step runs: the server is shared with
// other databases, so only the backends connected to this one count. Pools open and close
// connections, so backends are sampled every 250 ms; one that appears mid-step counts from
// its start, one that ends between samples loses at most its last 250 ms.
import { Client } from 'pg';
import { cpuMs } from './processes';

const BACKENDS = `SELECT pid, usename AS role FROM pg_stat_activity WHERE datname = $1 AND backend_type = 'client backend' AND usename <> current_user`;

export class BackendCpu {
  private readonly first = new Map<number, { role: string; ms: number }>();
  private readonly last = new Map<number, number>();
  private timer?: NodeJS.Timeout;
  private started = false;

  constructor(
    private readonly owner: Client,
    private readonly database: string,
  ) {}

  async start(): Promise<void> {
    await this.sample();
    this.started = true;
    this.timer = setInterval(() => void this.sample().catch(() => undefined), 250);
  }

  /** CPU milliseconds by role since start. */
  async stop(): Promise<Map<string, number>> {
    clearInterval(this.timer);
    await this.sample();
    const byRole = new Map<string, number>();
    for (const [pid, { role, ms }] of this.first) byRole.set(role, (byRole.get(role) ?? 0) + (this.last.get(pid) ?? ms) - ms);
    return byRole;
  }

  private async sample(): Promise<void> {
    const { rows } = await this.owner.query<{ pid: number; role: string }>(BACKENDS, [this.database]);
    for (const { pid, role } of rows) {
      let ms: number;
      try {
        ms = cpuMs(pid);
      } catch {
        continue; // ended meanwhile
      }
      if (!this.first.has(pid)) this.first.set(pid, { role, ms: this.started ? 0 : ms });
      this.last.set(pid, ms);
    }
  }
}
