// GET /health: 200 when the database and the queue both answer, 503 (naming which)
// otherwise; `mode` says which setup runs (an embedded or a server PostgreSQL; the queue
// on Redis or on PostgreSQL).
import { Controller, Get, HttpStatus, Inject, Res } from '@nestjs/common';
import type { Response } from 'express';
import { APP_CONFIG, AppConfig, JobQueue, TenantDb } from '@pmo/core';

const CHECK_TIMEOUT_MS = 1500;

async function probe(check: () => Promise<unknown>): Promise<'up' | 'down'> {
  let timer: NodeJS.Timeout | undefined;
  try {
    await Promise.race([
      check(),
      new Promise((_, reject) => {
        timer = setTimeout(() => reject(new Error('timeout')), CHECK_TIMEOUT_MS);
      }),
    ]);
    return 'up';
  } catch {
    return 'down';
  } finally {
    clearTimeout(timer);
  }
}

@Controller('health')
export class HealthController {
  private readonly mode: { database: AppConfig['database']['mode']; queue: AppConfig['queue']['backend'] };

  constructor(
    @Inject(APP_CONFIG) config: AppConfig,
    private readonly db: TenantDb,
    private readonly jobs: JobQueue,
  ) {
    this.mode = { database: config.database.mode, queue: config.queue.backend };
  }

  @Get()
  async health(@Res() res: Response): Promise<void> {
    const [database, queue] = await Promise.all([probe(() => this.db.ping()), probe(() => this.jobs.ping())]);
    const ok = database === 'up' && queue === 'up';
    res.status(ok ? HttpStatus.OK : HttpStatus.SERVICE_UNAVAILABLE).json({ status: ok ? 'ok' : 'error', database, queue, mode: this.mode });
  }
}
