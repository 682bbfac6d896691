// `npm start`: migrates the database, then runs the api and the worker as two processes
// (`npm run start:api` / `start:worker` run one each, for scale-out). If either exits,
// the other is stopped and the exit code passed on.
import { ChildProcess, fork } from 'node:child_process';
import { join } from 'node:path';
import { migrate } from './migrate';

async function main(): Promise<void> {
  await migrate();
  const children: ChildProcess[] = ['apps/api/src/main.js', 'apps/worker/src/main.js'].map((entry) =>
    fork(join(__dirname, '..', entry), { stdio: 'inherit' }),
  );
  let stopping = false;
  const stop = (code: number) => {
    if (stopping) return;
    stopping = true;
    for (const child of children) if (child.exitCode === null) child.kill('SIGTERM');
    process.exitCode = code;
  };
  for (const child of children) child.on('exit', (code) => stop(code ?? 1));
  process.on('SIGINT', () => stop(0));
  process.on('SIGTERM', () => stop(0));
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
