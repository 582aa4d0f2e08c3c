/**
 * esbuild plugin that makes authing-js-sdk's AuthenticationClient a WeChat bundle:
 *   - lib/full imports authing-js-sdk's declarations (build/main); the bundle takes its sources (src/);
 *   - axios, crypto-js, fingerprintjs and the SDK's browser-only modules are replaced by lib/full/shims;
 *   - the GraphQL documents lose their indentation (≈8 KB), as lib/core/documents.ts writes them;
 *   - with `coreExternal`, lib/core stays out of the bundle and is required at run time from
 *     './core.js', so the components and the full client share one core module (one session).
 */
import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import type { Plugin } from 'esbuild';

export interface WxBundlePluginOptions {
  /** Repository root. */
  root: string;
  /** Require lib/core/index.ts as this path at run time instead of bundling it. */
  coreExternal?: string;
}

/** Third-party modules swapped wherever they are imported. */
const PACKAGE_SHIMS: Record<string, string> = {
  axios: 'axios.ts',
  'crypto-js': 'crypto-js.ts',
  'crypto-js/sha256': 'crypto-js-sha256.ts',
  '@fingerprintjs/fingerprintjs': 'fingerprint.ts',
};

/** authing-js-sdk's own browser-only modules (paths under its src/lib, without extension). */
const SDK_SHIMS: Record<string, string> = {
  browserInfo: 'browser-info.ts',
  'jsencrypt/jsencrypt': 'jsencrypt.ts',
  'sm-crypto/sm2/index': 'sm2.ts',
};

const SOURCE_EXTENSIONS = ['.ts', '.js', '/index.ts', '/index.js'];

function stripExtension(file: string): string {
  return file.replace(/\.(ts|js)$/, '');
}

/**
 * `export const XDocument = `…`` → one line. Safe because authing-js-sdk's documents hold no
 * string literals, comments or interpolations; the build fails if that ever changes.
 */
export function collapseGraphqlDocuments(source: string, file: string): string {
  let count = 0;
  const out = source.replace(/(Document = `)([^`]*)`/g, (_match, head: string, body: string) => {
    if (/["#\\]|\$\{/.test(body)) throw new Error(`${file}: a GraphQL document has strings or comments; cannot collapse it safely`);
    count++;
    return head + body.replace(/\s+/g, ' ').trim() + '`';
  });
  if (count === 0) throw new Error(`${file}: no GraphQL documents found; authing-js-sdk changed its layout`);
  return out;
}

export function wxBundlePlugin({ root, coreExternal }: WxBundlePluginOptions): Plugin {
  const sdkRoot = path.join(root, 'node_modules', 'authing-js-sdk');
  const sdkLib = path.join(sdkRoot, 'src', 'lib');
  const shims = path.join(root, 'lib', 'full', 'shims');
  const core = path.join(root, 'lib', 'core');

  return {
    name: 'authing-wxapp',
    setup(build) {
      build.onLoad({ filter: /[\\/]authing-js-sdk[\\/]src[\\/]types[\\/]graphql\.v2\.ts$/ }, async (args) => ({
        contents: collapseGraphqlDocuments(await readFile(args.path, 'utf8'), args.path),
        loader: 'ts',
      }));

      build.onResolve({ filter: /^authing-js-sdk\/build\/main\// }, (args) => {
        const base = path.join(sdkRoot, 'src', args.path.slice('authing-js-sdk/build/main/'.length));
        const found = SOURCE_EXTENSIONS.map((ext) => base + ext).find((file) => existsSync(file));
        if (!found) return { errors: [{ text: `no authing-js-sdk source for ${args.path}` }] };
        return { path: found };
      });

      build.onResolve({ filter: /^(axios|crypto-js|crypto-js\/sha256|@fingerprintjs\/fingerprintjs)$/ }, (args) => ({
        path: path.join(shims, PACKAGE_SHIMS[args.path]),
      }));

      build.onResolve({ filter: /^\.\.?\// }, (args) => {
        const target = stripExtension(path.resolve(args.resolveDir, args.path));
        if (args.importer.startsWith(sdkLib + path.sep)) {
          const shim = SDK_SHIMS[path.relative(sdkLib, target).split(path.sep).join('/')];
          return shim ? { path: path.join(shims, shim) } : undefined;
        }
        if (!coreExternal || args.importer.startsWith(core + path.sep)) return undefined;
        if (target === core || target === path.join(core, 'index')) return { path: coreExternal, external: true };
        if (target.startsWith(core + path.sep)) {
          // Anything but the index would be a second copy of a core module: a second session.
          return { errors: [{ text: `import the core through lib/core/index, not ${args.path}` }] };
        }
        return undefined;
      });
    },
  };
}
