/**
 * The three tiny mini programs whose 构建 npm output figure 1 weighs and figures 2–4 load:
 *   components  a page using the three components and nothing else (app.js never requires the SDK);
 *   full        app.js creating the full AuthenticationClient, no components;
 *   anchor      app.js creating the seed SDK's AuthenticationClient, as its README shows.
 * Each is a DevTools project folder: package.json + node_modules as npm leaves them, app files,
 * project.config.json. 构建 npm then writes miniprogram_npm/ beside package.json.
 */
import { cpSync } from 'node:fs';
import path from 'node:path';
import { layOutPackage, type PlacedPackage } from './npm-layout';
import { ROOT, writeText, type OurPackage } from './our-build';

export const ANCHOR_SOURCE = path.join(ROOT, 'node_modules', 'authing-wxapp-sdk-seed');
/** The package name users install, for ours and the seed alike. */
export const PACKAGE_NAME = 'authing-wxapp-sdk';

export type AppKind = 'components' | 'full' | 'anchor';

export interface TinyApp {
  kind: AppKind;
  dir: string;
  /** What sits in node_modules (the anchor's closure; ours is one package). */
  installed: PlacedPackage[];
}

const COMPONENTS = { 'authing-login': 'login-button', 'authing-phone': 'phone-button', 'authing-avatar': 'avatar-picker' };

const APP_CLIENT = `const { AuthenticationClient } = require('${PACKAGE_NAME}');

const authing = new AuthenticationClient({ appId: 'AUTHING_APP_ID' });

App({ authing });
`;

async function writeProject(dir: string, appJs: string, page: { json: object; wxml: string }, version: string): Promise<void> {
  await writeText(path.join(dir, 'package.json'), {
    name: 'tiny-app',
    version: '1.0.0',
    private: true,
    dependencies: { [PACKAGE_NAME]: version },
  });
  await writeText(path.join(dir, 'project.config.json'), {
    appid: 'wx5f2b0c1d3e4a6b79',
    compileType: 'miniprogram',
    miniprogramRoot: '',
    setting: { es6: true, minified: true, ignoreUploadUnusedFiles: true },
  });
  await writeText(path.join(dir, 'app.json'), { pages: ['pages/index/index'] });
  await writeText(path.join(dir, 'app.js'), appJs);
  await writeText(path.join(dir, 'pages', 'index', 'index.js'), 'Page({});\n');
  await writeText(path.join(dir, 'pages', 'index', 'index.json'), page.json);
  await writeText(path.join(dir, 'pages', 'index', 'index.wxml'), page.wxml);
  await writeText(path.join(dir, 'pages', 'index', 'index.wxss'), '');
}

function installOurs(dir: string, ours: OurPackage): PlacedPackage[] {
  const location = path.join('node_modules', PACKAGE_NAME);
  cpSync(ours.packageDir, path.join(dir, location), { recursive: true });
  const version = (require(path.join(ours.packageDir, 'package.json')) as { version: string }).version;
  return [{ name: PACKAGE_NAME, version, location }];
}

export async function makeComponentsApp(work: string, ours: OurPackage): Promise<TinyApp> {
  const dir = path.join(work, 'app-components');
  const usingComponents: Record<string, string> = {};
  for (const [tag, folder] of Object.entries(COMPONENTS)) usingComponents[tag] = `${PACKAGE_NAME}/${folder}/index`;
  const installed = installOurs(dir, ours);
  await writeProject(
    dir,
    'App({});\n',
    {
      json: { usingComponents },
      wxml: '<authing-login app-id="AUTHING_APP_ID" />\n<authing-phone app-id="AUTHING_APP_ID" />\n<authing-avatar app-id="AUTHING_APP_ID" />\n',
    },
    installed[0].version,
  );
  return { kind: 'components', dir, installed };
}

export async function makeFullClientApp(work: string, ours: OurPackage): Promise<TinyApp> {
  const dir = path.join(work, 'app-full');
  const installed = installOurs(dir, ours);
  await writeProject(dir, APP_CLIENT, { json: {}, wxml: '<view>full client</view>\n' }, installed[0].version);
  return { kind: 'full', dir, installed };
}

export async function makeAnchorApp(work: string): Promise<TinyApp> {
  const dir = path.join(work, 'app-anchor');
  const installed = layOutPackage(ANCHOR_SOURCE, dir, PACKAGE_NAME);
  await writeProject(dir, APP_CLIENT, { json: {}, wxml: '<view>seed SDK</view>\n' }, installed[0].version);
  return { kind: 'anchor', dir, installed };
}
