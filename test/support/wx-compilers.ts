/**
 * WeChat's template and style compilers (miniprogram-compiler's wcc / wcsc), run per file as a
 * lint: a non-zero exit with `file:line:col: message` on stderr is a syntax error WeChat DevTools
 * would also refuse.
 */
import { spawnSync } from 'node:child_process';
import { chmodSync, readdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, posix, relative } from 'node:path';

const BIN = join(
  dirname(createRequire(__filename).resolve('miniprogram-compiler/package.json')),
  'bin',
  process.platform === 'darwin' ? 'mac' : 'linux',
);

export interface CompileOutcome {
  file: string;
  status: number | null;
  stderr: string;
}

/** The package ships its Linux binaries without the execute bit. */
export function makeCompilersRunnable(): void {
  for (const name of ['wcc', 'wcsc']) chmodSync(join(BIN, name), 0o755);
}

/** Files under `root` ending with `ext`, relative to it; `skip` names folders not to enter. */
export function filesEndingWith(root: string, ext: string, skip: string[] = ['node_modules']): string[] {
  const found: string[] = [];
  const walk = (dir: string): void => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const path = join(dir, entry.name);
      if (entry.isDirectory()) {
        if (!skip.includes(entry.name)) walk(path);
      } else if (entry.name.endsWith(ext)) found.push(relative(root, path).split('\\').join('/'));
    }
  };
  walk(root);
  return found.sort();
}

/** The files a stylesheet names with `@import`, relative to the root (wcsc must be given them too). */
function wxssImports(root: string, file: string): string[] {
  const source = readFileSync(join(root, file), 'utf8');
  return Array.from(source.matchAll(/@import\s+["']([^"']+)["']/g), (match) => posix.join(posix.dirname(file), match[1]));
}

/** wcc / wcsc on one file, from the mini program root as DevTools runs them. */
export function compileFile(root: string, file: string): CompileOutcome {
  const wxml = file.endsWith('.wxml');
  // wcsc needs -pc 1 (with -pc 0 its output silently lacks the class rules), and the files @import names after the page's.
  const args = wxml ? ['-d', '-cc', '0', file, '-gn', '$gwx'] : ['-db', '-pc', '1', file, ...wxssImports(root, file)];
  const result = spawnSync(join(BIN, wxml ? 'wcc' : 'wcsc'), args, { cwd: root, encoding: 'utf8' });
  return { file, status: result.status, stderr: result.stderr };
}
