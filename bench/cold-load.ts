/**
 * Figure 2: time to load each app's first module from its 构建 npm output in a fresh WeChat-like
 * realm (build/wx-sandbox.ts: ECMAScript built-ins, wx, console, timers; nothing from browsers or
 * Node), and the globals outside that set it touches, loading and then constructing what the app
 * constructs. Each sample is a new realm, so no module cache and no realm-level warmth carries
 * over; apps are interleaved run by run so machine noise hits all alike. An app whose module does
 * not load there (as it would not on the phone) is reported with the error, not timed.
 */
import { createSandbox, storageOnlyWx } from '../build/wx-sandbox';
import type { PackedApp } from './apps';
import { summarize, type Summary } from './stats';

export interface LoadResult {
  kind: string;
  entry: string;
  loadMs: Summary;
  /** Non-WeChat globals touched while loading, then while constructing a client. */
  foreignOnLoad: string[];
  foreignOnConstruct: string[];
  /** Why the strict realm refused the module (the phone would too), when it did. */
  error?: string;
}

export function measureColdLoad(apps: PackedApp[], runs: number, warmup = 1): LoadResult[] {
  const results = apps.map((app): LoadResult & { samples: number[]; onLoad: Set<string>; onConstruct: Set<string> } => ({
    kind: app.spec.kind,
    entry: app.spec.entry,
    loadMs: summarize([]),
    foreignOnLoad: [],
    foreignOnConstruct: [],
    samples: [],
    onLoad: new Set(),
    onConstruct: new Set(),
  }));
  for (let run = 0; run < warmup + runs; run++) {
    apps.forEach((app, index) => {
      const result = results[index];
      if (result.error) return;
      const sandbox = createSandbox({ root: app.dir, wx: storageOnlyWx() });
      const started = performance.now();
      let exports: unknown;
      try {
        exports = sandbox.require(`./miniprogram_npm/${app.spec.entry}`);
      } catch (error) {
        result.error = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
        return;
      }
      const elapsed = performance.now() - started;
      if (run < warmup) return;
      result.samples.push(elapsed);
      for (const name of sandbox.foreignGlobals) result.onLoad.add(name);
      sandbox.foreignGlobals.clear();
      app.spec.construct?.(exports);
      for (const name of sandbox.foreignGlobals) if (!result.onLoad.has(name)) result.onConstruct.add(name);
    });
  }
  return results.map(({ samples, onLoad, onConstruct, ...result }) => ({
    ...result,
    loadMs: summarize(samples),
    foreignOnLoad: Array.from(onLoad).sort(),
    foreignOnConstruct: Array.from(onConstruct).sort(),
  }));
}
