import 'reflect-metadata';
import { NestFactory } from '@nestjs/core';
import { createLogger, launcherReady, loadConfig, PinoNestLogger, stopWithLauncher } from '@pmo/core';
import { WorkerModule } from './worker.module';

async function main(): Promise<void> {
  // Under `npm start` the code is loaded while the database starts; the config (its passwords) and the app wait for it.
  await launcherReady();
  const config = loadConfig();
  const logger = createLogger(config.logLevel, 'worker');
  stopWithLauncher(logger);
  const app = await NestFactory.createApplicationContext(WorkerModule, { logger: new PinoNestLogger(logger) });
  // SIGTERM/SIGINT close the BullMQ workers: active jobs finish, nothing new is taken.
  app.enableShutdownHooks();
  await app.init();
  logger.info({ concurrency: config.workerConcurrency, database: config.database.mode, queue: config.queue.backend }, 'worker running');
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
