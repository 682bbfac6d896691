// The container setup, checked without a Docker engine: the compose file's services,
// their order and environment, and that every entry point they run exists in the build.
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { API_NODE_FLAGS } from '@pmo/core/launcher';

const ROOT = join(__dirname, '..');

interface Service {
  image?: string;
  build?: { context: string; dockerfile: string };
  command?: string[];
  environment?: Record<string, string>;
  depends_on?: Record<string, { condition: string }>;
  healthcheck?: { test: string[] };
}

const compose = parse(readFileSync(join(ROOT, 'docker', 'compose.yaml'), 'utf8'), { merge: true }) as { services: Record<string, Service> };
const dockerfile = readFileSync(join(ROOT, 'docker', 'Dockerfile'), 'utf8');
const { services } = compose;

/** dist/x/y.js is built from x/y.ts. */
const sourceOf = (distPath: string) => join(ROOT, distPath.replace(/^dist\//, '').replace(/\.js$/, '.ts'));

describe('docker/compose.yaml', () => {
  it('runs postgres 16, redis 7, a one-shot migration, the api and the worker', () => {
    expect(Object.keys(services).sort()).toEqual(['api', 'migrate', 'postgres', 'redis', 'worker']);
    expect(services.postgres.image).toBe('postgres:16');
    expect(services.redis.image).toBe('redis:7');
    for (const name of ['migrate', 'api', 'worker']) {
      expect(services[name].build).toEqual({ context: '..', dockerfile: 'docker/Dockerfile' });
    }
  });

  it('starts the api and the worker only after the migration completed and the stores are healthy', () => {
    expect(services.migrate.depends_on).toEqual({ postgres: { condition: 'service_healthy' } });
    for (const name of ['api', 'worker']) {
      expect(services[name].depends_on).toEqual({
        migrate: { condition: 'service_completed_successfully' },
        postgres: { condition: 'service_healthy' },
        redis: { condition: 'service_healthy' },
      });
    }
  });

  it('health-checks postgres, redis and the api', () => {
    for (const name of ['postgres', 'redis', 'api']) expect(services[name].healthcheck?.test.length).toBeGreaterThan(1);
    expect(services.api.healthcheck?.test.join(' ')).toContain('/health');
  });

  it('gives every app process the database, redis and secret settings, the app role distinct from the owner', () => {
    for (const name of ['migrate', 'api', 'worker']) {
      const env = services[name].environment ?? {};
      expect(Object.keys(env)).toEqual(
        expect.arrayContaining(['NODE_ENV', 'DATABASE_URL', 'DATABASE_APP_URL', 'DATABASE_WORKER_URL', 'REDIS_URL', 'JWT_SECRET']),
      );
      expect(env.NODE_ENV).toBe('production');
      expect(env.DATABASE_APP_URL).toMatch(/^postgres:\/\/pmo_app:\$\{PMO_APP_PASSWORD:\?/);
      expect(env.DATABASE_WORKER_URL).toMatch(/^postgres:\/\/pmo_worker:\$\{PMO_WORKER_PASSWORD:\?/);
      expect(env.DATABASE_URL).not.toMatch(/^postgres:\/\/pmo_app:/);
      // No default secret: compose refuses to start until JWT_SECRET is set.
      expect(env.JWT_SECRET).toMatch(/^\$\{JWT_SECRET:\?/);
    }
  });

  it('runs entry points that the build produces', () => {
    const commands = Object.values(services).flatMap((service) => service.command ?? []);
    const entries = [...commands, dockerfile].join(' ').match(/dist\/[\w/.-]+\.js/g) ?? [];
    expect(new Set(entries)).toEqual(new Set(['dist/tools/migrate.js', 'dist/apps/api/src/main.js', 'dist/apps/worker/src/main.js']));
    for (const entry of entries) expect({ entry, source: existsSync(sourceOf(entry)) }).toEqual({ entry, source: true });
  });
});

describe('docker/Dockerfile', () => {
  it('builds in one stage and runs production dependencies and dist/ only, as a non-root user', () => {
    const stages = [...dockerfile.matchAll(/^FROM (\S+) AS (\w+)/gm)].map((match) => [match[1], match[2]]);
    expect(stages).toEqual([
      ['node:20-bookworm-slim', 'build'],
      ['node:20-bookworm-slim', 'runtime'],
    ]);
    const [build, runtime] = dockerfile.split(/^FROM .* AS runtime$/m);
    expect(build).toMatch(/RUN npm ci\n/);
    expect(build).toMatch(/RUN npm run build/);
    expect(runtime).toMatch(/RUN npm ci --omit=dev/);
    expect(runtime).toContain('COPY --from=build /app/dist ./dist');
    expect(runtime).not.toMatch(/COPY (libs|apps|tools)/);
    expect(runtime).toMatch(/^USER node$/m);
  });

  it('makes the api listen on every interface inside the container (its default is loopback)', () => {
    const [, runtime] = dockerfile.split(/^FROM .* AS runtime$/m);
    expect(runtime).toMatch(/^\s+HOST=0\.0\.0\.0 \\$/m);
  });
});

describe("the api's Node.js flags", () => {
  it('are the same wherever the api starts: npm start, start:api, the container and compose', () => {
    const api = `node ${API_NODE_FLAGS.join(' ')} dist/apps/api/src/main.js`;
    const scripts = (JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { scripts: Record<string, string> }).scripts;
    expect(scripts['start:api']).toBe(api);
    expect(dockerfile).toContain(`exec ${api}`);
    expect(services.api.command?.join(' ')).toBe(api);
    expect(readFileSync(join(ROOT, 'tools', 'start.ts'), 'utf8')).toContain('execArgv: [...process.execArgv, ...API_NODE_FLAGS]');
  });
});
