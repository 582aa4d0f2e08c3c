/**
 * The package's type declarations: types/index.d.ts (the full client and the components' types)
 * and types/core.d.ts (the lean core), one bundled file each, outside miniprogram_dist.
 * The full client's types extend authing-js-sdk's, and authing-js-sdk is only a devDependency, so
 * the declaration files they need are first copied beside tsc's output (axios replaced by a stub:
 * the bundle has no axios), then bundled with the rest down to what the public surface reaches.
 */
import { generateDtsBundle } from 'dts-bundle-generator';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { mkdir, mkdtemp, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import ts from 'typescript';

const SDK_PREFIX = 'authing-js-sdk/build/main/';

/**
 * authing-js-sdk's declarations import AxiosInstance and AxiosRequestConfig from axios. The bundle
 * has no axios: its stand-in is lib/full/shims/axios.ts, so the published types name that stand-in's
 * own types (tsc's output, beside the vendored declarations), and describe what runs.
 */
const AXIOS_TYPES: Array<[name: string, from: string, as: string]> = [
  ['WxAxiosInstance', 'lib/full/shims/axios', 'AxiosInstance'],
  ['SdkRequestConfig', 'lib/full/adapters/request-config', 'AxiosRequestConfig'],
];

function axiosStandIn(stubFile: string, emitted: string): string {
  return AXIOS_TYPES.map(([name, from, as]) => {
    if (!existsSync(path.join(emitted, `${from}.d.ts`))) throw new Error(`${from}.d.ts was not emitted: where is the axios stand-in?`);
    return `export type { ${name} as ${as} } from '${relativeSpecifier(stubFile, path.join(emitted, from))}';\n`;
  }).join('');
}

/**
 * Browser and Node types that authing-js-sdk's declarations name. A mini program's TypeScript has
 * neither lib, so the vendored files import these stand-ins (module-local: nothing global changes).
 */
const HOST_TYPES = `/** Stand-ins for the browser and Node types authing-js-sdk's declarations mention. */
export interface Blob {
  readonly size: number;
  readonly type: string;
}
export interface File extends Blob {
  readonly name: string;
}
export interface Window {
  readonly [name: string]: unknown;
}
export type ResponseType = string;
export declare namespace NodeJS {
  type Timeout = number;
  type Timer = number;
}
`;
const HOST_TYPE_NAMES = ['Blob', 'File', 'Window', 'ResponseType', 'NodeJS'];

/** The stand-in names a declaration file refers to as types (its own declarations excepted). */
function hostTypesUsed(fileName: string, text: string): string[] {
  const source = ts.createSourceFile(fileName, text, ts.ScriptTarget.ES2017, true);
  const used = new Set<string>();
  const declared = new Set<string>();
  const visit = (node: ts.Node): void => {
    if (ts.isTypeReferenceNode(node)) {
      let name: ts.EntityName = node.typeName;
      while (ts.isQualifiedName(name)) name = name.left;
      if (HOST_TYPE_NAMES.indexOf(name.text) >= 0) used.add(name.text);
    }
    if ((ts.isInterfaceDeclaration(node) || ts.isTypeAliasDeclaration(node) || ts.isClassDeclaration(node)) && node.name)
      declared.add(node.name.text);
    ts.forEachChild(node, visit);
  };
  visit(source);
  return Array.from(used).filter((name) => !declared.has(name));
}

function formatDiagnostics(diagnostics: readonly ts.Diagnostic[]): string {
  return ts.formatDiagnostics(diagnostics, {
    getCanonicalFileName: (name) => name,
    getCurrentDirectory: () => process.cwd(),
    getNewLine: () => '\n',
  });
}

async function listDeclarations(dir: string): Promise<string[]> {
  const out: string[] = [];
  for (const entry of await readdir(dir, { withFileTypes: true })) {
    const file = path.join(dir, entry.name);
    if (entry.isDirectory()) out.push(...(await listDeclarations(file)));
    else if (entry.name.endsWith('.d.ts')) out.push(file);
  }
  return out;
}

function relativeSpecifier(fromFile: string, toFileWithoutExtension: string): string {
  const relative = path.relative(path.dirname(fromFile), toFileWithoutExtension).split(path.sep).join('/');
  return relative.startsWith('.') ? relative : './' + relative;
}

/** Replaces module specifiers by position (end to start, so positions stay valid). */
function rewriteImports(text: string, rewrite: (specifier: string) => string | undefined): string {
  const { importedFiles } = ts.preProcessFile(text, true, true);
  let out = text;
  for (const ref of importedFiles.slice().sort((a, b) => b.pos - a.pos)) {
    const replacement = rewrite(ref.fileName);
    if (replacement === undefined) continue;
    // `pos` lands on or just before the specifier, depending on the quote; find the text itself.
    const start = out.indexOf(ref.fileName, Math.max(0, ref.pos - 1));
    if (start < 0 || start > ref.pos + 1) throw new Error(`cannot locate import '${ref.fileName}'`);
    out = out.slice(0, start) + replacement + out.slice(start + ref.fileName.length);
  }
  return out;
}

/** Copies authing-js-sdk declarations reachable from `entries` (paths under build/main, no extension). */
async function vendorSdkDeclarations(sdkBuild: string, vendorRoot: string, entries: string[]): Promise<number> {
  const axiosStub = path.join(vendorRoot, 'axios');
  const seen = new Set<string>();
  const queue = entries.slice();
  while (queue.length) {
    const id = queue.shift() as string;
    if (seen.has(id)) continue;
    seen.add(id);
    const source = [id + '.d.ts', id + '/index.d.ts'].map((f) => path.join(sdkBuild, f)).find((f) => existsSync(f));
    if (!source) throw new Error(`authing-js-sdk declaration not found: ${id}`);
    const relativeSource = path.relative(sdkBuild, source);
    const target = path.join(vendorRoot, 'authing-js-sdk', relativeSource);
    let text = rewriteImports(readFileSync(source, 'utf8'), (specifier) => {
      if (specifier.startsWith('.')) {
        queue.push(
          path
            .relative(sdkBuild, path.resolve(path.dirname(source), specifier))
            .split(path.sep)
            .join('/'),
        );
        return undefined;
      }
      if (specifier === 'axios') return relativeSpecifier(target, axiosStub);
      throw new Error(`${relativeSource} imports '${specifier}', which the published types cannot carry`);
    });
    text = text.replace(/^\/\/\/ <reference types="node" \/>\n/m, '');
    const hostTypes = hostTypesUsed(source, text);
    if (hostTypes.length) {
      text = `import type { ${hostTypes.join(', ')} } from '${relativeSpecifier(target, path.join(vendorRoot, 'host-types'))}';\n` + text;
    }
    if (/\/\/\/ <reference/.test(text)) throw new Error(`${relativeSource} has a reference directive the published types cannot carry`);
    await mkdir(path.dirname(target), { recursive: true });
    await writeFile(target, text);
  }
  await writeFile(axiosStub + '.d.ts', axiosStandIn(axiosStub + '.d.ts', path.dirname(vendorRoot)));
  await writeFile(path.join(vendorRoot, 'host-types.d.ts'), HOST_TYPES);
  return seen.size;
}

/** The published entry points: `types/<name>.d.ts`, from `build/public-types/<name>.ts`. */
const ENTRIES = ['index', 'core', 'v3'];

/**
 * tsc's declarations for the public entries, with authing-js-sdk's imports pointed at copies of its
 * declarations (vendored beside them), written under `dir`.
 */
async function emitRaw(root: string, dir: string): Promise<void> {
  const configFile = path.join(root, 'build', 'tsconfig.dts.json');
  const parsed = ts.getParsedCommandLineOfConfigFile(
    configFile,
    { outDir: dir },
    {
      ...ts.sys,
      onUnRecoverableConfigFileDiagnostic: (diagnostic) => {
        throw new Error(formatDiagnostics([diagnostic]));
      },
    },
  );
  if (!parsed) throw new Error(`cannot read ${configFile}`);
  const program = ts.createProgram(parsed.fileNames, parsed.options);
  const emitted = program.emit();
  const diagnostics = ts.getPreEmitDiagnostics(program).concat(emitted.diagnostics);
  if (diagnostics.length) throw new Error(formatDiagnostics(diagnostics));

  const sdkBuild = path.join(root, 'node_modules', 'authing-js-sdk', 'build', 'main');
  const vendorRoot = path.join(dir, 'vendor');
  const sdkEntries = new Set<string>();
  for (const file of await listDeclarations(dir)) {
    const text = rewriteImports(readFileSync(file, 'utf8'), (specifier) => {
      if (!specifier.startsWith(SDK_PREFIX)) return undefined;
      const id = specifier.slice(SDK_PREFIX.length);
      sdkEntries.add(id);
      return relativeSpecifier(file, path.join(vendorRoot, 'authing-js-sdk', id));
    });
    await writeFile(file, text);
  }
  await vendorSdkDeclarations(sdkBuild, vendorRoot, Array.from(sdkEntries));
}

/**
 * One self-contained declaration file per entry point: dts-bundle-generator keeps what the public
 * surface reaches (of authing-js-sdk's 800 KB of declarations, the AuthenticationClient's part) and
 * exports only what the entry exports. The bundles name `WechatMiniprogram` from
 * miniprogram-api-typings, which every TypeScript mini program already has.
 */
function bundleEntries(root: string, dir: string): string[] {
  const config = path.join(dir, 'tsconfig.json');
  writeFileSync(
    config,
    JSON.stringify({
      compilerOptions: {
        strict: true,
        lib: ['ES2017'],
        module: 'commonjs',
        moduleResolution: 'node',
        typeRoots: [path.join(root, 'node_modules'), path.join(root, 'node_modules', '@types')],
        types: ['miniprogram-api-typings'],
        noEmit: true,
      },
      files: ENTRIES.map((name) => path.join(dir, 'build', 'public-types', `${name}.d.ts`)),
    }),
  );
  return generateDtsBundle(
    ENTRIES.map((name) => ({
      filePath: path.join(dir, 'build', 'public-types', `${name}.d.ts`),
      output: { noBanner: true, exportReferencedTypes: false },
    })),
    { preferredConfigPath: config },
  );
}

/**
 * The package's declarations → `typesDir` (types/ beside miniprogram_dist, never in it: 构建 npm
 * copies miniprogram_dist whole into every user's miniprogram_npm, and types do not run on the phone).
 */
export async function emitDeclarations(root: string, typesDir = path.join(root, 'types')): Promise<void> {
  const work = await mkdtemp(path.join(tmpdir(), 'authing-dts-'));
  try {
    await emitRaw(root, work);
    const bundles = bundleEntries(root, work);
    await rm(typesDir, { recursive: true, force: true });
    await mkdir(typesDir, { recursive: true });
    for (let i = 0; i < ENTRIES.length; i++) {
      await writeFile(path.join(typesDir, `${ENTRIES[i]}.d.ts`), HEADER + bundles[i]);
    }
  } finally {
    await rm(work, { recursive: true, force: true });
  }
}

const HEADER = '// authing-wxapp-sdk: generated by build/declarations.ts. Needs miniprogram-api-typings (WechatMiniprogram).\n';
