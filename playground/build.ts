/**
 * The playground build: the page that runs the three components on glass-easel in a browser.
 *
 *   <out>/index.html       the page shell
 *   <out>/playground.js    one bundle: glass-easel + its mini-program adapter, the built components
 *                          (miniprogram_dist/, the files users install), the simulator's wx on fetch, the page
 *   <out>/playground.css   the page's own look (the components' WXSS travels inside the bundle, scoped)
 *
 * From the shipped files, as WeChat would load them: each component's WXML compiled with
 * glass-easel-template-compiler, its WXSS scoped and rpx converted (wxss.ts), its JSON and its built
 * JS. Nothing is fetched at run time but the page's own files and the emulator behind the proxy.
 */
import { build, type Plugin } from 'esbuild';
import { mkdir, readFile, readdir, stat, writeFile } from 'node:fs/promises';
import { dirname, join, relative, resolve } from 'node:path';
import { TmplGroup } from 'glass-easel-template-compiler';
import { scopeWxss } from './wxss';

const ROOT = resolve(__dirname, '..');
const SRC = join(__dirname, 'src');
const SHIMS = join(SRC, 'node-shims');

export interface PlaygroundBuild {
  outdir: string;
  /** playground.js, minified, in bytes */
  jsBytes: number;
}

/** A WXML file → the compiled template object glass-easel's CodeSpace takes (no eval at run time). */
export function compileWxml(source: string, file: string): string {
  const group = new TmplGroup();
  try {
    group.addTmpl('', source);
    // glass-easel's ComponentTemplate: the compiled groups, and the entry of this file's own group.
    return `var groups = ${group.getTmplGenObjectGroups()};\nmodule.exports = { groupList: groups, content: groups[''] };`;
  } catch (error) {
    throw new Error(`${file}: ${error instanceof Error ? error.message : String(error)}`, { cause: error });
  } finally {
    group.free();
  }
}

/** The scope name a component's classes get (`<scope>--<class>` in the DOM): its folder's name. */
function scopeOf(file: string): string {
  const folder = dirname(file).split('/').pop() ?? 'page';
  return folder === 'src' ? 'pg' : folder;
}

/** .wxml and .wxss files, as modules of the page bundle. */
function miniprogramFiles(): Plugin {
  return {
    name: 'playground-miniprogram-files',
    setup(b) {
      b.onLoad({ filter: /\.wxml$/ }, async (args) => ({
        contents: compileWxml(await readFile(args.path, 'utf8'), args.path),
        loader: 'js',
      }));
      b.onLoad({ filter: /\.wxss$/ }, async (args) => {
        const scope = scopeOf(args.path);
        const css = await scopeWxss(await readFile(args.path, 'utf8'), scope, args.path);
        return { contents: `module.exports = ${JSON.stringify({ scope, css })};`, loader: 'js' };
      });
    },
  };
}

/**
 * `playground:components`: every component folder of the built package, with its four files, so
 * the page registers exactly what `npm run build` shipped.
 */
function builtComponents(dist: string): Plugin {
  return {
    name: 'playground-built-components',
    setup(b) {
      b.onResolve({ filter: /^playground:components$/ }, () => ({ path: 'components', namespace: 'playground' }));
      b.onLoad({ filter: /.*/, namespace: 'playground' }, async () => {
        const names: string[] = [];
        for (const entry of await readdir(dist, { withFileTypes: true })) {
          if (entry.isDirectory() && (await stat(join(dist, entry.name, 'index.wxml')).catch(() => null))) names.push(entry.name);
        }
        if (names.length === 0) throw new Error(`no components in ${dist}: run npm run build first`);
        const lines = names.sort().map((name) => {
          const base = JSON.stringify(join(dist, name, 'index'));
          return (
            `{ name: ${JSON.stringify(name)}, json: require(${base} + '.json'), template: require(${base} + '.wxml'), ` +
            `style: require(${base} + '.wxss'), load: () => require(${base} + '.js') }`
          );
        });
        return {
          contents: `module.exports = { components: [${lines.join(',\n')}], core: () => require(${JSON.stringify(join(dist, 'core.js'))}) };`,
          loader: 'js',
          resolveDir: dist,
        };
      });
    },
  };
}

/** The Node simulator (testing/) in the browser: its one HTTP carrier swapped for fetch, Node built-ins for shims. */
function browserSimulator(): Plugin {
  const shims: Record<string, string> = {
    'node:crypto': join(SHIMS, 'crypto.ts'),
    'node:fs': join(SHIMS, 'fs.ts'),
    'node:path': join(SHIMS, 'path.ts'),
    'node:zlib': join(SHIMS, 'zlib.ts'),
  };
  return {
    name: 'playground-browser-simulator',
    setup(b) {
      b.onResolve({ filter: /^node:/ }, (args) => {
        const shim = shims[args.path];
        return shim ? { path: shim } : { errors: [{ text: `${args.path} has no browser shim (imported by ${args.importer})` }] };
      });
      b.onResolve({ filter: /^\.\/http-exchange$/ }, (args) =>
        relative(ROOT, args.resolveDir) === 'testing' ? { path: join(SRC, 'fetch-exchange.ts') } : undefined,
      );
    },
  };
}

export async function buildPlayground(outdir: string, dist = join(ROOT, 'miniprogram_dist')): Promise<PlaygroundBuild> {
  await mkdir(outdir, { recursive: true });
  await build({
    entryPoints: [join(SRC, 'main.ts')],
    outfile: join(outdir, 'playground.js'),
    bundle: true,
    minify: true,
    format: 'iife',
    platform: 'browser',
    target: 'es2020',
    // The simulator speaks Buffer; the browser gets the `buffer` package's.
    inject: [join(SHIMS, 'buffer-global.ts')],
    define: { 'process.env.NODE_ENV': '"production"' },
    plugins: [miniprogramFiles(), builtComponents(dist), browserSimulator()],
    logLevel: 'warning',
  });
  const { size } = await stat(join(outdir, 'playground.js'));
  await writeFile(join(outdir, 'index.html'), await readFile(join(SRC, 'index.html'), 'utf8'));
  await writeFile(join(outdir, 'playground.css'), await readFile(join(SRC, 'playground.css'), 'utf8'));
  return { outdir, jsBytes: size };
}

if (process.argv[1] && resolve(process.argv[1]) === __filename) {
  const out = resolve(process.argv[2] ?? join(ROOT, 'playground', 'dist'));
  buildPlayground(out).then(
    ({ jsBytes }) => console.log(`  playground.js ${(jsBytes / 1024).toFixed(1).padStart(7)} KB min  ${relative(ROOT, out)}/`),
    (error: unknown) => {
      console.error(error);
      process.exitCode = 1;
    },
  );
}
