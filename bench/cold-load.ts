/**
 * Figure 2: time to load a library's entry in a fresh WeChat-like realm (build/wx-sandbox.ts:
 * ECMAScript built-ins, wx, console, timers; nothing from browsers or Node), and the globals
 * outside that set it touches. Each sample is a new realm, so no module cache and no realm-level
 * warmth carries over; subjects are interleaved run by run so machine noise hits all alike.
 */
import { createSandbox } from '../build/wx-sandbox';
import { loadOnlyWx, stubGlobals, type Leniency } from './npm-realm';
import { summarize, type Summary } from './stats';

export interface LoadSubject {
  label: string;
  root: string;
  entry: string;
  leniency?: Leniency;
  /** Run after the timed load (not timed): what an app does next, so its global lookups count too. */
  construct?: (exports: unknown) => void;
}

export interface LoadResult {
  label: string;
  entry: string;
  loadMs: Summary;
  /** Non-WeChat globals touched while loading, then while constructing a client. */
  foreignOnLoad: string[];
  foreignOnConstruct: string[];
  leniency?: Leniency;
}

export function measureColdLoad(subjects: LoadSubject[], runs: number, warmup = 1): LoadResult[] {
  const samples = subjects.map(() => [] as number[]);
  const foreignOnLoad = subjects.map(() => new Set<string>());
  const foreignOnConstruct = subjects.map(() => new Set<string>());
  for (let run = 0; run < warmup + runs; run++) {
    subjects.forEach((subject, index) => {
      const sandbox = createSandbox({ root: subject.root, wx: loadOnlyWx() });
      if (subject.leniency?.globals.length) stubGlobals(sandbox, subject.leniency.globals);
      const started = performance.now();
      const exports = sandbox.require(subject.entry);
      const elapsed = performance.now() - started;
      if (run < warmup) return;
      samples[index].push(elapsed);
      for (const name of sandbox.foreignGlobals) foreignOnLoad[index].add(name);
      sandbox.foreignGlobals.clear();
      subject.construct?.(exports);
      for (const name of sandbox.foreignGlobals) if (!foreignOnLoad[index].has(name)) foreignOnConstruct[index].add(name);
    });
  }
  return subjects.map((subject, index) => ({
    label: subject.label,
    entry: subject.entry,
    loadMs: summarize(samples[index]),
    foreignOnLoad: Array.from(foreignOnLoad[index]).sort(),
    foreignOnConstruct: Array.from(foreignOnConstruct[index]).sort(),
    leniency: subject.leniency,
  }));
}

/** `new AuthenticationClient({appId})`, the first thing app.js does. */
export function constructClient(exports: unknown): void {
  const { AuthenticationClient } = exports as { AuthenticationClient: new (options: { appId: string }) => unknown };
  new AuthenticationClient({ appId: 'AUTHING_APP_ID' });
}

/** What a component does on attach: the shared client for its app-id. */
export function getCoreClient(exports: unknown): void {
  const { getClient } = exports as { getClient: (options: { appId: string }) => unknown };
  getClient({ appId: 'AUTHING_APP_ID' });
}
