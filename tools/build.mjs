// Compiles apps/, libs/ and tools/ to CommonJS under dist/ with swc (fast, no type check:
// `npm run typecheck` does that). Path aliases from tsconfig.base.json are rewritten to
// relative requires so the output runs on plain Node.js. With folders as arguments
// (`node tools/build.mjs libs/server/core`, what each project's Nx build target runs) it
// compiles only those into their place under dist/.
import { transformFile } from '@swc/core';
import { copyFile, readFile, readdir, mkdir, writeFile, rm } from 'node:fs/promises';
import { existsSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const out = join(root, 'dist');
const tsconfig = JSON.parse(await readFile(join(root, 'tsconfig.base.json'), 'utf8'));

// The web app runs in the browser: Vite bundles it (`npm run build:web`), not this build.
const browserOnly = join(root, 'apps', 'web');

/** The files to compile under `dir`; with `ownOnly`, not those of nested projects (they build themselves). */
async function* sources(dir, ownOnly = false) {
  for (const entry of await readdir(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (path === browserOnly) continue;
    if (entry.isDirectory()) {
      if (!(ownOnly && existsSync(join(path, 'project.json')))) yield* sources(path, ownOnly);
    } else if (/\.(ts|cjs)$/.test(entry.name) && !/\.(spec|e2e-spec|int-spec|d)\.ts$/.test(entry.name)) yield path;
  }
}

const projects = process.argv.slice(2);
const folders = projects.length ? projects : ['apps', 'libs', 'tools'];
// A whole build starts clean; a project's build (run in parallel with others) writes over its own files only.
if (!projects.length) await rm(out, { recursive: true, force: true });
let count = 0;
for (const top of folders) {
  for await (const file of sources(join(root, top), projects.length > 0)) {
    if (file.endsWith('.cjs')) {
      // Plain CommonJS (the test harness's settings) runs as it is, beside what requires it.
      await mkdir(dirname(join(out, relative(root, file))), { recursive: true });
      await copyFile(file, join(out, relative(root, file)));
      continue;
    }
    const { code, map } = await transformFile(file, {
      swcrc: false,
      sourceMaps: true,
      module: { type: 'commonjs' },
      jsc: {
        target: 'es2022',
        parser: { syntax: 'typescript', decorators: true },
        transform: { legacyDecorator: true, decoratorMetadata: true, useDefineForClassFields: false },
        keepClassNames: true,
        baseUrl: root,
        paths: tsconfig.compilerOptions.paths,
      },
    });
    const target = join(out, relative(root, file)).replace(/\.ts$/, '.js');
    await mkdir(dirname(target), { recursive: true });
    await writeFile(target, `${code}\n//# sourceMappingURL=${target.split('/').pop()}.map\n`);
    await writeFile(`${target}.map`, map);
    count++;
  }
}
console.log(`built ${count} files into dist/`);
