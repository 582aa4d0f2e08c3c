/**
 * Builds this checkout's miniprogram_dist into a temporary folder with the project's own build
 * steps (build/bundle.ts, build/components.ts): the bench measures the source as it stands, works
 * on a fresh clone where miniprogram_dist does not exist yet, and never overwrites the working
 * tree's build output that tests or DevTools may be using.
 */
import { copyFile, mkdir, mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { bundleCore, bundleFull } from '../build/bundle';
import { buildComponents } from '../build/components';

export const ROOT = path.resolve(__dirname, '..');

export interface OurPackage {
  /** Folder holding package.json and miniprogram_dist/, laid out as npm installs it. */
  packageDir: string;
  /** Its miniprogram_dist/. */
  dist: string;
}

/** Builds into `<work>/authing-wxapp-sdk/miniprogram_dist`, next to a copy of package.json (构建 npm reads its "miniprogram" field). */
export async function buildOurPackage(work: string): Promise<OurPackage> {
  const packageDir = path.join(work, 'authing-wxapp-sdk');
  const dist = path.join(packageDir, 'miniprogram_dist');
  await mkdir(dist, { recursive: true });
  await Promise.all([bundleCore(ROOT, dist), bundleFull(ROOT, dist)]);
  await buildComponents(dist);
  await copyFile(path.join(ROOT, 'package.json'), path.join(packageDir, 'package.json'));
  return { packageDir, dist };
}

export function makeWorkDir(): Promise<string> {
  return mkdtemp(path.join(tmpdir(), 'authing-bench-'));
}

/** A file the bench writes for a tiny app (JSON pretty-printed as a developer would). */
export async function writeText(file: string, content: string | object): Promise<void> {
  await mkdir(path.dirname(file), { recursive: true });
  await writeFile(file, typeof content === 'string' ? content : JSON.stringify(content, null, 2) + '\n');
}
