import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { CONTRACT, isEmulatorOnly, type ContractEntry, type FieldSpec, type Source } from '../../emulator/src/contract';
import { buildServer } from '../../emulator/src/server';
import { resolveOptions } from '../../emulator/src/options';

const ROOT = join(__dirname, '../..');
/** The npm packages the contract cites, where this repo has them installed. */
const INSTALLED: Record<string, string> = {
  'npm:authing-js-sdk@4.23.55': 'node_modules/authing-js-sdk',
  'npm:authing-wxapp-sdk@4.3.22-alpha.7': 'node_modules/authing-wxapp-sdk-seed',
};

function describeSource(source: Source): string {
  if ('emulatorOnly' in source) return 'emulator-only';
  if ('url' in source) return source.url;
  return `${source.repo} ${source.path}${source.symbol ? ` (${source.symbol.split(':')[0]})` : ''}`;
}

function table(entries: readonly ContractEntry[]): string {
  const rows = entries.map(
    (e) =>
      `| ${e.id} | ${e.method} | ${e.operation ? `${e.path} {${e.operation}}` : e.path} | ${e.sources.map(describeSource).join('; ')} |`,
  );
  return ['| id | method | path | sources |', '|---|---|---|---|', ...rows].join('\n');
}

/** Every object spec in a field tree, for the closed-object rule. */
function objects(spec: FieldSpec | undefined, at: string): Array<{ at: string; spec: FieldSpec }> {
  if (!spec || !('type' in spec)) return [];
  if (spec.type === 'object') {
    return [{ at, spec }, ...Object.entries(spec.properties).flatMap(([name, child]) => objects(child, `${at}.${name}`))];
  }
  if (spec.type === 'array') return objects(spec.items, `${at}[]`);
  return [];
}

describe('the Authing contract', () => {
  it('prints its table', () => {
    // The table goes into the docs and the closing note; printing it keeps it in every test log.
    console.log(`${CONTRACT.length} contract entries\n${table(CONTRACT)}`);
    expect(CONTRACT.length).toBeGreaterThan(0);
  });

  it("gives every entry a source: repository + path, a URL, or emulator-only for the emulator's own routes", () => {
    const unsourced = CONTRACT.filter(
      (e) =>
        e.sources.length === 0 ||
        e.sources.some((s) => ('repo' in s ? !s.repo || !s.path : 'url' in s ? !/^https:\/\//.test(s.url) : !s.note)),
    );
    expect(unsourced.map((e) => e.id)).toEqual([]);
    // Emulator-only is for the emulator's face alone, and never mixed with Authing sources.
    for (const entry of CONTRACT) {
      expect({ id: entry.id, emulatorOnly: isEmulatorOnly(entry) }).toEqual({ id: entry.id, emulatorOnly: entry.face === 'emulator' });
      if (isEmulatorOnly(entry)) expect(entry.sources.every((s) => 'emulatorOnly' in s)).toBe(true);
    }
  });

  it('cites installed packages by files and symbols that exist in them', () => {
    const missing: string[] = [];
    for (const entry of CONTRACT) {
      for (const source of entry.sources) {
        if (!('repo' in source) || !INSTALLED[source.repo]) continue;
        const file = join(ROOT, INSTALLED[source.repo], source.path);
        if (!existsSync(file)) {
          missing.push(`${entry.id}: ${source.repo} ${source.path}`);
          continue;
        }
        // The symbol's leading name (before any explanation) must appear in the file.
        const name = /^[\w.$]+/
          .exec(source.symbol ?? '')?.[0]
          ?.split('.')
          .pop();
        if (name && !readFileSync(file, 'utf8').includes(name)) missing.push(`${entry.id}: ${name} not in ${source.path}`);
      }
    }
    expect(missing).toEqual([]);
  });

  it('has unique ids, one entry per route, and closed objects (unknown fields are refused)', () => {
    const ids = CONTRACT.map((e) => e.id);
    expect(new Set(ids).size).toBe(ids.length);
    const routes = CONTRACT.filter((e) => !e.operation).map((e) => `${e.method} ${e.path}`);
    expect(new Set(routes).size).toBe(routes.length);
    const open = CONTRACT.flatMap((e) => [...objects(e.body, `${e.id} body`), ...objects(e.query, `${e.id} query`)])
      .filter(({ spec }) => 'additionalProperties' in spec && spec.additionalProperties !== false)
      .map(({ at }) => at);
    expect(open).toEqual([]);
  });

  it('has no field that no Authing client sends (phoneCode, signature)', () => {
    const names = CONTRACT.flatMap((e) => [...objects(e.body, e.id), ...objects(e.query, e.id)]).flatMap(({ spec }) =>
      'properties' in spec ? Object.keys(spec.properties) : [],
    );
    expect(names).not.toContain('phoneCode');
    expect(names).not.toContain('signature');
  });

  it('matches the emulator route for route: every route has an entry and every entry a route', async () => {
    // buildServer refuses to register a route without an entry, so building it proves the first half.
    const { app } = await buildServer(resolveOptions({ db: ':memory:' }), () => 'http://127.0.0.1');
    try {
      await app.ready();
      const unserved = CONTRACT.filter((e) => !e.operation && !app.hasRoute({ method: e.method, url: e.path })).map((e) => e.id);
      expect(unserved).toEqual([]);
    } finally {
      await app.close();
    }
  });
});
