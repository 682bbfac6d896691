// Cross-origin access to the api: the exact origins of CORS_ORIGINS; when it is unset, any
// http://localhost or http://127.0.0.1 port in development (a web app on its dev server)
// and nothing in production. Tokens travel in the Authorization header, never in cookies,
// so credentials stay off. Apollo's CSRF prevention stays on beside this: a cross-origin
// "simple" request (no preflight) is refused whatever its origin.
import type { CorsOptions } from '@nestjs/common/interfaces/external/cors-options.interface';
import type { AppConfig } from '@pmo/core';

const LOCAL_DEV_ORIGIN = /^http:\/\/(localhost|127\.0\.0\.1)(:\d{1,5})?$/;

export function corsOriginAllowed(config: Pick<AppConfig, 'corsOrigins' | 'nodeEnv'>): (origin: string) => boolean {
  if (config.corsOrigins.length) {
    const allowed = new Set(config.corsOrigins);
    return (origin) => allowed.has(origin);
  }
  if (config.nodeEnv === 'production') return () => false;
  return (origin) => LOCAL_DEV_ORIGIN.test(origin);
}

export function corsOptions(config: AppConfig): CorsOptions {
  const allowed = corsOriginAllowed(config);
  return {
    // false: no CORS headers at all, so the browser refuses the answer (same-origin requests carry no Origin to check).
    origin: (origin, callback) => callback(null, origin !== undefined && allowed(origin)),
    methods: ['GET', 'POST', 'OPTIONS'],
    allowedHeaders: ['content-type', 'authorization', 'apollo-require-preflight', 'x-apollo-operation-name', 'x-request-id'],
    exposedHeaders: ['x-request-id', 'retry-after'],
    credentials: false,
    maxAge: 600,
  };
}
