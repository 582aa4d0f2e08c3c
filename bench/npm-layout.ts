/**
 * Lays out an installed package and its runtime dependencies in a tiny app's node_modules the
 * way `npm install <package>` would in a fresh project: hoisted to the top wherever the name is
 * free or an already placed version satisfies the range, nested under the dependent otherwise.
 *
 * Why not copy the repository's node_modules: there the seed SDK is aliased
 * (authing-wxapp-sdk-seed) and shares the tree with authing-js-sdk 4.23, so half its closure is
 * nested, and 构建 npm only builds top-level packages. A user's app has the flat layout; that
 * is what the footprint and the phone-side loads must see.
 */
import { cpSync, existsSync, readFileSync } from 'node:fs';
import path from 'node:path';

interface Manifest {
  name: string;
  version: string;
  dependencies?: Record<string, string>;
}

export interface PlacedPackage {
  name: string;
  version: string;
  /** Where it went, relative to the app: node_modules/x or node_modules/y/node_modules/x. */
  location: string;
}

function readManifest(dir: string): Manifest {
  return JSON.parse(readFileSync(path.join(dir, 'package.json'), 'utf8')) as Manifest;
}

/** Node's lookup of `name` from `fromDir`, as npm resolved it when it installed this tree. */
export function resolveInstalled(name: string, fromDir: string): string | null {
  let dir = fromDir;
  for (;;) {
    const candidate = path.join(dir, 'node_modules', name);
    if (existsSync(path.join(candidate, 'package.json'))) return candidate;
    const parent = path.dirname(dir);
    if (parent === dir) return null;
    dir = parent;
  }
}

function parseVersion(version: string): number[] | null {
  const match = /^v?(\d+)\.(\d+)\.(\d+)/.exec(version.trim());
  return match ? [Number(match[1]), Number(match[2]), Number(match[3])] : null;
}

function compare(a: number[], b: number[]): number {
  for (let i = 0; i < 3; i++) if (a[i] !== b[i]) return a[i] < b[i] ? -1 : 1;
  return 0;
}

/**
 * The range forms npm manifests use here (exact, =, ^, ~, >=, *, x, ||). Prerelease tags are
 * compared by their numbers only, which is all the seed's closure needs; anything else counts
 * as unsatisfied, so the package is nested rather than wrongly deduplicated.
 */
export function satisfies(version: string, range: string): boolean {
  const v = parseVersion(version);
  if (!v) return false;
  return range.split('||').some((alternative) =>
    alternative
      .trim()
      .split(/\s+/)
      .every((part) => {
        if (part === '' || part === '*' || part === 'x' || part === 'latest') return true;
        const op = /^(\^|~|>=|<=|>|<|=)?(.*)$/.exec(part)!;
        const wanted = parseVersion(
          op[2]
            .replace(/\.x/g, '.0')
            .replace(/^(\d+)$/, '$1.0.0')
            .replace(/^(\d+\.\d+)$/, '$1.0'),
        );
        if (!wanted) return false;
        const c = compare(v, wanted);
        switch (op[1]) {
          case '^':
            if (c < 0) return false;
            if (wanted[0] > 0) return v[0] === wanted[0];
            if (wanted[1] > 0) return v[0] === 0 && v[1] === wanted[1];
            return v[0] === 0 && v[1] === 0 && v[2] === wanted[2];
          case '~':
            return c >= 0 && v[0] === wanted[0] && v[1] === wanted[1];
          case '>=':
            return c >= 0;
          case '>':
            return c > 0;
          case '<=':
            return c <= 0;
          case '<':
            return c < 0;
          default:
            return c === 0;
        }
      }),
  );
}

/** The placement Node's lookup finds for `name` from a package at `location`, if any. */
function lookup(tree: Map<string, string>, location: string, name: string): string | null {
  let dir = location;
  for (;;) {
    const candidate = path.join(dir, 'node_modules', name);
    if (tree.has(candidate)) return candidate;
    const index = dir.lastIndexOf(`node_modules${path.sep}`);
    if (index < 0) return null;
    dir = dir.slice(0, index).replace(/[\\/]+$/, '');
  }
}

/**
 * Copies `sourceDir` (an installed package) into `<appDir>/node_modules/<installName>` with its
 * dependency closure, breadth first in name order as npm's tree builder visits them. Returns
 * what went where.
 */
export function layOutPackage(sourceDir: string, appDir: string, installName: string): PlacedPackage[] {
  const placed: Array<PlacedPackage & { source: string }> = [];
  // location (relative to the app) → version placed there
  const tree = new Map<string, string>();
  const root = readManifest(sourceDir);
  const rootLocation = path.join('node_modules', installName);
  tree.set(rootLocation, root.version);
  placed.push({ name: installName, version: root.version, location: rootLocation, source: sourceDir });

  for (let next = 0; next < placed.length; next++) {
    const { source, location } = placed[next];
    const manifest = readManifest(source);
    const dependencies = manifest.dependencies ?? {};
    for (const name of Object.keys(dependencies).sort()) {
      const existing = lookup(tree, location, name);
      if (existing && satisfies(tree.get(existing)!, dependencies[name])) continue;
      const installed = resolveInstalled(name, source);
      if (!installed) throw new Error(`${manifest.name} needs ${name}@${dependencies[name]}, which is not installed`);
      const version = readManifest(installed).version;
      const topLevel = path.join('node_modules', name);
      const target = tree.has(topLevel) ? path.join(location, 'node_modules', name) : topLevel;
      tree.set(target, version);
      placed.push({ name, version, location: target, source: installed });
    }
  }

  for (const entry of placed) {
    // The package's own files only: its nested node_modules were placed above, package by package.
    cpSync(entry.source, path.join(appDir, entry.location), {
      recursive: true,
      dereference: true,
      filter: (file) => !path.relative(entry.source, file).split(path.sep).includes('node_modules'),
    });
  }
  return placed.map(({ name, version, location }) => ({ name, version, location }));
}
