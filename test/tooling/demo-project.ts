/**
 * The demo as a WeChat DevTools project in a temp folder (build/demo.ts buildDemoProject): the
 * repository's project.config.json next to miniprogram_dev/, the SDK installed from an `npm pack`
 * tarball and 构建 npm run.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { buildDemoProject, type DemoBuildResult } from '../../build/demo';

export interface DemoProject {
  /** The project folder (what DevTools opens). */
  root: string;
  /** root/miniprogram_dev. */
  miniprogramRoot: string;
  build: DemoBuildResult;
  remove(): Promise<void>;
}

export async function createDemoProject(prefix: string): Promise<DemoProject> {
  const root = await mkdtemp(join(tmpdir(), prefix));
  const build = await buildDemoProject(root, { log: () => undefined });
  return { root, miniprogramRoot: join(root, 'miniprogram_dev'), build, remove: () => rm(root, { recursive: true, force: true }) };
}
