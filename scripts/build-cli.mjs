// Bundles the command-line tool (src/cli/bin.ts and the core it uses, js-tiktoken's ranks included) into one plain
// JavaScript file, dist-cli/tuneset.mjs — the package's `bin`. Runs in `prepare` (so `npm ci` builds it) and before
// `npm run tuneset` when a source file is newer than the bundle (--if-stale), so the command never runs stale code.
//   node scripts/build-cli.mjs [--if-stale] [--quiet]
import { existsSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
export const CLI_BUNDLE = join(root, 'dist-cli', 'tuneset.mjs');
/** The files the last build read (from esbuild's metafile), for --if-stale. */
const INPUTS = join(root, 'dist-cli', 'inputs.json');
const args = process.argv.slice(2);
const quiet = args.includes('--quiet');

/** True when the bundle is missing or older than a file it was built from (or this script, or package.json). */
function stale() {
  if (!existsSync(CLI_BUNDLE) || !existsSync(INPUTS)) return true;
  const built = statSync(CLI_BUNDLE).mtimeMs;
  const inputs = [fileURLToPath(import.meta.url), join(root, 'package.json'), ...JSON.parse(readFileSync(INPUTS, 'utf8')).map((f) => join(root, f))];
  // A file gone (moved in a refactor) also means: rebuild.
  return inputs.some((f) => !existsSync(f) || statSync(f).mtimeMs > built);
}

/**
 * The CLI never validates anything with zod (nor zod/mini): the core only *defines* schemas when it loads (report.ts's reportSchema,
 * catalog.ts's modelInfoSchema, for the app). zod is ≈ 600 KB of JavaScript whose loading costs ≈ 15 ms of a 150 ms
 * start-up, so the bundle gets this stand-in: any schema-building call gives another stand-in, and *using* a schema
 * (parse, safeParse…) throws at once — the tests of the built bin would fail if a CLI path ever did.
 */
const ZOD_STAND_IN = `
const fail = () => { throw new Error('zod is not in the tuneset CLI bundle (scripts/build-cli.mjs): a schema was used'); };
const USES = new Set(['parse', 'safeParse', 'parseAsync', 'safeParseAsync', 'decode', 'encode', 'safeDecode', 'safeEncode']);
const schema = new Proxy(function () {}, { get: (_, key) => (USES.has(key) ? fail : key === 'then' ? undefined : () => schema), apply: () => schema });
export const z = schema;
export default schema;
export const en = () => ({});
`;

/** Builds the bundle; returns its size in bytes. */
export async function buildCli() {
  const esbuild = await import('esbuild');
  const result = await esbuild.build({
    plugins: [
      {
        name: 'zod-stand-in',
        setup(build) {
          // zod, zod/mini and zod/locales (whose "en" the stand-in also gives) alike.
          build.onResolve({ filter: /^zod(\/(mini|locales|v4))?$/ }, (a) => ({ path: a.path, namespace: 'zod-stand-in' }));
          build.onLoad({ filter: /.*/, namespace: 'zod-stand-in' }, () => ({ contents: ZOD_STAND_IN, loader: 'js' }));
        },
      },
    ],
    absWorkingDir: root,
    entryPoints: ['src/cli/bin.ts'],
    outfile: CLI_BUNDLE,
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    // Whitespace and syntax only: identifiers stay readable in a crash report (TUNESET_DEBUG=1).
    minifyWhitespace: true,
    minifySyntax: true,
    legalComments: 'none',
    banner: { js: '#!/usr/bin/env node' },
    logLevel: 'warning',
    metafile: true,
  });
  writeFileSync(INPUTS, JSON.stringify(Object.keys(result.metafile.inputs).filter((f) => !f.includes(':'))));
  return statSync(CLI_BUNDLE).size;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  if (args.includes('--if-stale') && !stale()) process.exit(0);
  const t0 = performance.now();
  const size = await buildCli();
  if (!quiet) console.log(`built ${CLI_BUNDLE} (${(size / 1e6).toFixed(1)} MB) in ${Math.round(performance.now() - t0)} ms`);
}
