// Bundles the command-line tool (src/cli/bin.ts and the core it uses) into one plain JavaScript file,
// dist-cli/tuneset.mjs — the package's `bin` — and writes each encoding's decoded ranks beside it
// (dist-cli/ranks/<encoding>.bin, src/cli/rank-file.ts), which the command reads instead of decoding js-tiktoken's
// text in every thread. js-tiktoken's rank modules stay out of the bundle: the command imports them from
// node_modules only if a rank file is missing or damaged. Runs in `prepare` (so `npm ci` builds it) and before
// `npm run tuneset` when a source file is newer than the bundle (--if-stale), so the command never runs stale code.
//   node scripts/build-cli.mjs [--if-stale] [--quiet]
import { existsSync, mkdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
export const CLI_BUNDLE = join(root, 'dist-cli', 'tuneset.mjs');
/** Where the rank files go (counter.ts looks for them next to the bundle). */
const RANKS_DIR = join(root, 'dist-cli', 'ranks');
const ENCODINGS = ['o200k_base', 'cl100k_base'];
/** The files the last build read (from esbuild's metafiles), for --if-stale. */
const INPUTS = join(root, 'dist-cli', 'inputs.json');
const args = process.argv.slice(2);
const quiet = args.includes('--quiet');

/** True when the bundle is missing or older than a file it was built from (or this script, or package.json). */
function stale() {
  if (!existsSync(CLI_BUNDLE) || !existsSync(INPUTS) || ENCODINGS.some((e) => !existsSync(join(RANKS_DIR, `${e}.bin`)))) return true;
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
    // Read from the rank files instead (the import stays, for when one is missing).
    external: ['js-tiktoken/ranks/*'],
    logLevel: 'warning',
    metafile: true,
  });
  const rankInputs = await writeRankFiles(esbuild);
  // Files only: not esbuild's virtual inputs ("<stdin>", namespaced ones), which --if-stale would find missing.
  const inputs = [...Object.keys(result.metafile.inputs), ...rankInputs].filter((f) => !f.includes(':') && !f.startsWith('<'));
  writeFileSync(INPUTS, JSON.stringify([...new Set(inputs)]));
  return statSync(CLI_BUNDLE).size;
}

/**
 * Writes dist-cli/ranks/<encoding>.bin for every encoding, with the same code the command runs (rank-table.ts,
 * rank-file.ts, bundled in memory); returns the files that build read.
 */
async function writeRankFiles(esbuild) {
  const imports = ENCODINGS.map((e) => `export { default as ${e} } from 'js-tiktoken/ranks/${e}';`).join('\n');
  const built = await esbuild.build({
    stdin: {
      contents: `export { buildRankTable } from './src/lib/tokens/rank-table';\nexport { encodeRankFile } from './src/cli/rank-file';\n${imports}`,
      resolveDir: root,
      loader: 'ts',
    },
    absWorkingDir: root,
    bundle: true,
    platform: 'node',
    format: 'esm',
    write: false,
    logLevel: 'warning',
    metafile: true,
  });
  const mod = await import(`data:text/javascript;base64,${Buffer.from(built.outputFiles[0].contents).toString('base64')}`);
  mkdirSync(RANKS_DIR, { recursive: true });
  for (const e of ENCODINGS) {
    const ranks = mod[e];
    writeFileSync(join(RANKS_DIR, `${e}.bin`), mod.encodeRankFile(e, ranks.pat_str, mod.buildRankTable(ranks.bpe_ranks)));
  }
  return Object.keys(built.metafile.inputs);
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  if (args.includes('--if-stale') && !stale()) process.exit(0);
  const t0 = performance.now();
  const size = await buildCli();
  if (!quiet) console.log(`built ${CLI_BUNDLE} (${(size / 1e6).toFixed(1)} MB) in ${Math.round(performance.now() - t0)} ms`);
}
