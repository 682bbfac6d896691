import 'reflect-metadata';
import { NestFactory } from '@nestjs/core';
import { GraphQLModule } from '@nestjs/graphql';
import type { WebSocketServer } from 'ws';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { json } from 'express';
import { createLogger, launcherReady, loadConfig, PinoNestLogger, stopWithLauncher } from '@pmo/core';
import { AppModule } from './app.module';
import { corsOptions } from './http/cors';
import { httpErrorHandler } from './http/http-errors';
import { webApp } from './http/web-app';

const BODY_LIMIT = '1mb';
/** The same bound for a WebSocket message (ws would parse up to 100 MiB, before any authentication). */
const WS_MESSAGE_LIMIT = 1024 * 1024;

/**
 * Nest's GraphQL module makes the WebSocket server without a way to pass ws options; ws
 * reads maxPayload at each upgrade, so setting it once the module has started covers
 * every connection. Fails the boot if the server is not where it is expected.
 */
function limitWebSocketMessages(app: NestExpressApplication): void {
  const driver = app.get(GraphQLModule, { strict: false }).graphQlAdapter as unknown as { _subscriptionService?: { wss?: WebSocketServer } };
  const wss = driver._subscriptionService?.wss;
  if (!wss) throw new Error('GraphQL WebSocket server not found: cannot bound its message size');
  wss.options.maxPayload = WS_MESSAGE_LIMIT;
}

async function main(): Promise<void> {
  // Under `npm start` the code is loaded while the database starts; the config (its passwords) and the app wait for it.
  await launcherReady();
  const config = loadConfig();
  const logger = createLogger(config.logLevel, 'api');
  stopWithLauncher(logger);
  const app = await NestFactory.create<NestExpressApplication>(AppModule, {
    bodyParser: false,
    logger: new PinoNestLogger(logger),
  });
  // No framework banner: it only helps whoever scans for known vulnerabilities.
  app.disable('x-powered-by');
  // CORS first: a cross-origin client can then read even a refusal (a body over the limit).
  app.enableCors(corsOptions(config));
  app.use(json({ limit: BODY_LIMIT }));
  app.use(httpErrorHandler);
  app.use(webApp());
  app.enableShutdownHooks();
  await app.init();
  limitWebSocketMessages(app);
  // Loopback unless HOST says otherwise: a development api is not served to the network by accident.
  await app.listen(config.port, config.host);
  logger.info({ host: config.host, port: config.port, database: config.database.mode, queue: config.queue.backend }, 'api listening');
}

main().catch((error: unknown) => {
  // Configuration errors name the variable; print them plainly and stop.
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
