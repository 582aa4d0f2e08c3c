/**
 * The tiny apps after 构建 npm, ready to load on a simulated phone: each app's miniprogram_npm
 * linked for the WeChat-like sandbox (bench/npm-realm.ts), with the stubs its library needs
 * there (none, unless the strict realm refused it).
 */
import path from 'node:path';
import { packNpm, type PackNpmResult } from '../build/miniprogram-ci-runner';
import { findLeniency, loadInRealm, stubFor, type Leniency, type LinkedOutput } from './npm-realm';
import { createTimingRealm } from './timing-realm';
import { makeAnchorApp, makeComponentsApp, makeFullClientApp, PACKAGE_NAME, type AppKind, type TinyApp } from './tiny-apps';
import type { OurPackage } from './our-build';

export const ENTRY = {
  core: `./miniprogram_npm/${PACKAGE_NAME}/core.js`,
  full: `./miniprogram_npm/${PACKAGE_NAME}/index.js`,
  anchor: `./miniprogram_npm/${PACKAGE_NAME}/index.js`,
};

export interface PackedApp extends TinyApp {
  pack: PackNpmResult;
  packMs: number;
  linked: LinkedOutput;
  /** Stubs the sandbox needed to load the app's library entry (empty: loads as on the phone). */
  leniency: Leniency;
  /** How the strict realm refused the entry, when it did. */
  strictError: string | null;
  entry: string;
}

/** The full client's shape, ours and the seed's alike, as far as the bench calls it. */
export interface ClientLike {
  loginByCode(code?: string, options?: object): Promise<{ id: string; token?: string | null }>;
  loginByPhone(code: string, iv: string, encryptedData: string): Promise<{ id: string; phone?: string | null }>;
  getCurrentUser(): Promise<{ id: string } | null>;
  updateProfile(patch: object): Promise<{ id: string }>;
}

interface ClientModule {
  AuthenticationClient: new (options: { appId: string; host?: string; userPoolId?: string }) => ClientLike;
}

async function packed(app: TinyApp, work: string, entry: string): Promise<PackedApp> {
  const started = performance.now();
  const pack = await packNpm(app.dir, { timeoutMs: 120_000 });
  const packMs = performance.now() - started;
  const { linked, leniency, strictError } = findLeniency(app.dir, path.join(work, `linked-${app.kind}`), entry);
  return { ...app, pack: pack.result, packMs, linked, leniency, strictError, entry };
}

/** Builds the three apps and runs 构建 npm on each (one child process each, in parallel: they are I/O bound). */
export async function packApps(work: string, ours: OurPackage): Promise<Record<AppKind, PackedApp>> {
  const [components, full, anchor] = await Promise.all([makeComponentsApp(work, ours), makeFullClientApp(work, ours), makeAnchorApp(work)]);
  const [pc, pf, pa] = await Promise.all([
    packed(components, work, ENTRY.core),
    packed(full, work, ENTRY.full),
    packed(anchor, work, ENTRY.anchor),
  ]);
  return { components: pc, full: pf, anchor: pa };
}

/**
 * The app's library loaded afresh on this phone, and a client constructed as its users do.
 * 'strict': build/wx-sandbox.ts's realm (what the phone allows, lookups recorded); 'timing': the
 * same modules in this realm with WeChat's missing globals shadowed (bench/timing-realm.ts), for CPU figures.
 */
export function clientOn(
  app: PackedApp,
  wx: object,
  options: { appId: string; host: string; userPoolId?: string },
  realm: 'strict' | 'timing' = 'strict',
): ClientLike {
  let exports: ClientModule;
  if (realm === 'strict') exports = loadInRealm<ClientModule>(app.linked.root, app.entry, wx, app.leniency).exports;
  else {
    const stubs: Record<string, unknown> = {};
    for (const name of app.leniency.globals) stubs[name] = stubFor(name, stubs);
    exports = createTimingRealm(app.linked.root, wx, stubs).require(app.entry) as ClientModule;
  }
  return new exports.AuthenticationClient(options);
}
