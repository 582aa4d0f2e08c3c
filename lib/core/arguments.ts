import { AuthingError, ErrorCodes } from './errors';

/**
 * A method's argument rules, generated from its TypeScript declaration by
 * build/argument-rules.ts (never written by hand), as one compact string: the parameters in
 * order, separated by commas, each `name[?]:kinds[(fields)]`:
 *   ?       optional: undefined and null pass;
 *   kinds   the letters of the types it accepts: s string (non-empty when required), S string
 *           ('' allowed), n number, b boolean, o object, a array, f function, l null,
 *           * anything but undefined; or `=` and the `|`-separated strings an enum accepts;
 *   fields  for an object, its declared properties' rules, checked the same way.
 * e.g. `email:s,password:s,options?:o` or `options:o(totp:s,mfaToken:s)`.
 */
export type ArgumentRules = string;

/** A class's public methods: `promised` ones reject on a bad argument, `returned` ones throw. */
export interface MethodRules {
  promised: Record<string, ArgumentRules>;
  returned: Record<string, ArgumentRules>;
}

interface Rule {
  name: string;
  optional: boolean;
  kinds: string;
  literals: string[] | null;
  fields: Rule[] | null;
}

/** One rule: `name`, `?`, `kinds`, and the fields between parentheses (one level: fields have none). */
const RULE = /([^,:?(]+)(\??):([^,(]*)(?:\(([^)]*)\))?/g;

export function parseRules(spec: string): Rule[] {
  const rules: Rule[] = [];
  spec.replace(RULE, (_match: string, name: string, optional: string, kinds: string, fields?: string) => {
    rules.push({
      name,
      optional: !!optional,
      kinds,
      literals: kinds.charAt(0) === '=' ? kinds.slice(1).split('|') : null,
      fields: fields ? parseRules(fields) : null,
    });
    return '';
  });
  return rules;
}

const KIND_NAMES: Record<string, string> = {
  s: 'a non-empty string',
  S: 'a string',
  n: 'a number',
  b: 'a boolean',
  o: 'an object',
  a: 'an array',
  f: 'a function',
  l: 'null',
  '*': 'given',
};

const TYPE_KINDS: Record<string, string> = { string: 's', number: 'n', boolean: 'b', object: 'o', function: 'f' };

function kindOf(value: unknown): string {
  if (value === null) return 'l';
  if (Array.isArray(value)) return 'a';
  // NaN is no number anyone meant to pass.
  return value !== value ? 'NaN' : TYPE_KINDS[typeof value] || typeof value;
}

function expected(rule: Rule): string {
  if (rule.literals) return 'one of ' + rule.literals.map((value) => JSON.stringify(value)).join(', ');
  const names: string[] = [];
  for (const kind of rule.kinds) names.push(KIND_NAMES[kind === 's' && rule.optional ? 'S' : kind]);
  return names.join(' or ');
}

function fits(rule: Rule, value: unknown): boolean {
  if (rule.literals) return rule.literals.indexOf(value as string) >= 0;
  if (rule.kinds === '*') return true;
  const kind = kindOf(value);
  if (rule.kinds.indexOf(kind) >= 0) return kind !== 's' || value !== '' || rule.optional;
  return kind === 's' && rule.kinds.indexOf('S') >= 0;
}

/** The argument (its path) that breaks `rule` and what it must be, or null when `value` fits. */
function violation(rule: Rule, value: unknown, path: string): [argument: string, must: string] | null {
  const argument = path + rule.name;
  if (value === undefined || value === null) {
    if (rule.optional || (value === null && fits(rule, null))) return null;
  } else if (fits(rule, value)) {
    for (const field of (kindOf(value) === 'o' && rule.fields) || []) {
      const problem = violation(field, (value as Record<string, unknown>)[field.name], argument + '.');
      if (problem) return problem;
    }
    return null;
  }
  return [argument, expected(rule)];
}

/** The first argument that breaks the method's rules, as an INVALID_ARGUMENT error; null when all fit. */
export function argumentError(method: string, spec: ArgumentRules, args: ArrayLike<unknown>, hint?: string): AuthingError | null {
  const rules = parseRules(spec);
  for (let i = 0; i < rules.length; i++) {
    const problem = violation(rules[i], args[i], '');
    if (problem) {
      const message = `${method}: ${problem[0]} must be ${problem[1]}${hint ? `; ${hint}` : ''}`;
      return new AuthingError(ErrorCodes.INVALID_ARGUMENT, message, { method, argument: problem[0] });
    }
  }
  return null;
}

/**
 * Wraps each listed method of `target` (as own properties, so `super` calls inside the class stay
 * unwrapped) with its argument check: a bad argument fails before the method runs, so nothing is
 * sent and nothing reaches onError. `label` prefixes the method in messages ('mfa.').
 */
export function guardArguments(target: object, rules: MethodRules, label = '', hints: Record<string, string> = {}): void {
  const methods = target as Record<string, (...args: unknown[]) => unknown>;
  for (const returns of [false, true]) {
    const table = returns ? rules.returned : rules.promised;
    for (const name of Object.keys(table)) {
      const original = methods[name];
      if (typeof original !== 'function') continue;
      methods[name] = function (this: unknown, ...args: unknown[]) {
        const error = argumentError(label + name, table[name], args, hints[name]);
        if (!error) return original.apply(this, args);
        if (returns) throw error;
        return Promise.reject(error);
      };
    }
  }
}
