/**
 * Bad arguments, for every public method of the BUILT package: the full client's (authing-js-sdk's
 * inherited ones included), its sub-clients' (client.mfa …) and the core's. The list of methods
 * comes from the classes at run time, and each method's parameters from its TypeScript
 * declaration (build/argument-rules.ts), so a method added later cannot escape. Every required
 * argument (and field of an argument object) is left out and then given a wrong type, every
 * optional one is given a wrong type: each call must fail with INVALID_ARGUMENT naming that
 * argument, send nothing, call no wx API, not reach onError, and leave the session as it was.
 */
import path from 'node:path';
import { argumentModel, PLUMBING, SUB_CLIENTS } from '../../build/argument-rules';
import type { MethodRules } from '../../lib/core/arguments';
import { parseRules } from '../../lib/core/arguments';
import { useEmulator } from '../support/emulator';
import { failureOf, launch, newEmail, PASSWORD, sessionOf, type Phone } from './families.kit';

const model = argumentModel(path.join(__dirname, '..', '..'));
const emulator = useEmulator();

type Rule = ReturnType<typeof parseRules>[number];

/** A value the rule accepts; objects carry their required fields. */
function validValue(rule: Rule): unknown {
  if (rule.literals) return rule.literals[0];
  switch (rule.kinds.charAt(0)) {
    case 'n':
      return 1;
    case 'b':
      return true;
    case 'a':
      return [];
    case 'f':
      return () => undefined;
    case 'o':
      return validObject(rule);
    case 'l':
      return null;
    default:
      return 'x';
  }
}

function validObject(rule: Rule): Record<string, unknown> {
  const object: Record<string, unknown> = {};
  for (const field of rule.fields || []) if (!field.optional) object[field.name] = validValue(field);
  return object;
}

/** Values of a type the rule refuses (for a required string, also ''); none for `*`. */
function wrongValues(rule: Rule): unknown[] {
  if (rule.literals) return ['not-one-of-them', 42];
  if (rule.kinds === '*') return [];
  const candidates: Array<[string, unknown]> = [
    ['n', 42],
    ['b', true],
    ['s', 'text'],
    ['a', ['text']],
    ['f', () => undefined],
    ['o', { unexpected: true }],
  ];
  const wrong = candidates.filter(([kind]) => rule.kinds.indexOf(kind) < 0 && !(kind === 's' && rule.kinds.indexOf('S') >= 0));
  const values = wrong.slice(0, 2).map(([, value]) => value);
  if (rule.kinds.indexOf('s') >= 0 && !rule.optional) values.push('');
  return values;
}

/** One bad call: the arguments, and the argument (path) the error must name. */
interface BadCall {
  args: unknown[];
  argument: string;
  what: string;
}

function badCalls(spec: string): BadCall[] {
  const rules = parseRules(spec);
  const calls: BadCall[] = [];
  rules.forEach((rule, i) => {
    const before = rules.slice(0, i).map(validValue);
    if (!rule.optional) calls.push({ args: before.concat([undefined]), argument: rule.name, what: 'missing' });
    for (const value of wrongValues(rule))
      calls.push({ args: before.concat([value]), argument: rule.name, what: JSON.stringify(value) ?? 'function' });
    for (const field of rule.fields || []) {
      const argument = `${rule.name}.${field.name}`;
      const bad = (value: unknown, what: string) => {
        const object = validObject(rule);
        if (value === undefined) delete object[field.name];
        else object[field.name] = value;
        calls.push({ args: before.concat([object]), argument, what });
      };
      if (!field.optional) bad(undefined, 'missing');
      for (const value of wrongValues(field)) bad(value, JSON.stringify(value) ?? 'function');
    }
  });
  return calls;
}

/** Every function reachable on the object: own properties and the prototype chain, as a caller sees it. */
function runtimeMethods(target: object): string[] {
  const names = new Set<string>();
  for (let o: object | null = target; o && o !== Object.prototype && Object.getPrototypeOf(o) !== null; o = Object.getPrototypeOf(o)) {
    for (const name of Object.getOwnPropertyNames(o)) {
      if (name === 'constructor') continue;
      const descriptor = Object.getOwnPropertyDescriptor(o, name);
      if (descriptor && typeof descriptor.value === 'function') names.add(name);
    }
  }
  return Array.from(names).sort();
}

interface Target {
  /** how the test names it */
  label: string;
  /** how its messages name its methods: the core's are its own methods, unprefixed */
  prefix: string;
  rules: MethodRules;
  hidden: string[];
  pick: (phone: Phone) => object;
}

const targets: Target[] = [
  { label: '', prefix: '', rules: model.client, hidden: model.hidden[''], pick: (phone) => phone.client },
  ...SUB_CLIENTS.map((name) => ({
    label: `${name}.`,
    prefix: `${name}.`,
    rules: model.subClients[name],
    hidden: model.hidden[name],
    pick: (phone: Phone) => (phone.client as unknown as Record<string, object>)[name],
  })),
  {
    label: 'core.',
    prefix: '',
    rules: model.core,
    hidden: model.hidden.AuthCore,
    pick: (phone) => phone.client.core,
  },
];

let phone: Phone;

beforeAll(async () => {
  phone = launch(emulator());
  const email = newEmail('args');
  await phone.client.registerByEmail(email, PASSWORD);
  await phone.client.loginByEmail(email, PASSWORD);
});

describe('the rules cover every method', () => {
  it.each(targets.map((target) => [target.label || 'client', target] as const))(
    '%s: every function a caller can reach has argument rules (or is private in its declaration)',
    (_label, target) => {
      const known = new Set([...Object.keys(target.rules.promised), ...Object.keys(target.rules.returned), ...target.hidden]);
      expect(runtimeMethods(target.pick(phone)).filter((name) => !known.has(name))).toEqual([]);
    },
  );

  it('every object-valued property of the client is a checked sub-client or plumbing', () => {
    const objects = Object.keys(phone.client).filter((key) => {
      const value = (phone.client as unknown as Record<string, unknown>)[key];
      return typeof value === 'object' && value !== null;
    });
    const known = [...SUB_CLIENTS, ...PLUMBING, ...model.hidden['']];
    expect(objects.filter((key) => known.indexOf(key) < 0)).toEqual([]);
  });
});

const methods = targets.flatMap((target) =>
  (['promised', 'returned'] as const).flatMap((kind) =>
    Object.keys(target.rules[kind]).map((name) => ({ target, name, spec: target.rules[kind][name], promised: kind === 'promised' })),
  ),
);
const withArguments = methods.filter((method) => badCalls(method.spec).length > 0);

describe.each(withArguments.map((method) => [`${method.target.label}${method.name}(${method.spec})`, method] as const))(
  '%s',
  (_title, { target, name, spec, promised }) => {
    it('each missing or wrong-typed argument: INVALID_ARGUMENT naming it, nothing sent, no onError, session kept', async () => {
      const subject = target.pick(phone) as Record<string, (...args: unknown[]) => unknown>;
      const session = sessionOf(phone);
      const { counters } = phone.sim;
      const before = { requests: counters.requests.length, login: counters.login, uploads: counters.uploads.length };
      for (const call of badCalls(spec)) {
        let error: { code?: unknown; message?: string; data?: { argument?: unknown } } | undefined;
        let result: unknown;
        try {
          result = subject[name](...call.args);
        } catch (thrown) {
          error = thrown as typeof error;
        }
        // A method that returns a promise rejects; one that returns a value throws.
        if (promised) {
          expect(error).toBeUndefined();
          error = await failureOf(result as Promise<unknown>);
        }
        expect(error).toBeDefined();
        if (!error) continue;
        const context = `${target.label}${name} with ${call.argument} ${call.what}`;
        expect({ context, code: error.code, argument: error.data?.argument }).toEqual({
          context,
          code: 'INVALID_ARGUMENT',
          argument: call.argument,
        });
        const start = `${target.prefix}${name}: ${call.argument} must be `;
        expect(error.message?.slice(0, start.length)).toBe(start);
      }
      expect({ requests: counters.requests.length, login: counters.login, uploads: counters.uploads.length }).toEqual(before);
      expect(phone.errors).toEqual([]);
      expect(sessionOf(phone)).toEqual(session);
    });
  },
);

describe('what a developer sees', () => {
  it('a missing password is INVALID_ARGUMENT naming it, not ENCRYPTION_ERROR; not even the public key is fetched', async () => {
    const { counters } = phone.sim;
    const requests = counters.requests.length;
    const error = await failureOf(phone.client.loginByEmail('ann@example.com', undefined as unknown as string));
    expect(error).toMatchObject({ code: 'INVALID_ARGUMENT', message: 'loginByEmail: password must be a non-empty string' });
    const reset = await failureOf(phone.client.resetPasswordByEmailCode('ann@example.com', '1234', ''));
    expect(reset).toMatchObject({ code: 'INVALID_ARGUMENT', message: 'resetPasswordByEmailCode: newPassword must be a non-empty string' });
    expect(counters.requests.length).toBe(requests);
    expect(phone.errors).toEqual([]);
  });

  it('names the field of an argument object, and the values an enum accepts', async () => {
    const mfa = await failureOf(phone.client.mfa.verifyTotpMfa({ totp: '123456' } as unknown as { totp: string; mfaToken: string }));
    expect(mfa.message).toBe('mfa.verifyTotpMfa: options.mfaToken must be a non-empty string');
    const scene = await failureOf(phone.client.sendEmail('ann@example.com', 'RESET' as never));
    expect(scene.message).toMatch(/^sendEmail: scene must be one of "RESET_PASSWORD", /);
  });

  it('a method that returns no promise throws instead', () => {
    expect(() => phone.client.setToken(42 as unknown as string)).toThrow('setToken: token must be a non-empty string');
  });

  it('the valid calls still go through: an optional argument left out, null or empty is not an error', async () => {
    await expect(phone.client.checkLoginStatus(undefined)).resolves.toMatchObject({ status: true });
    expect(phone.client.computedPasswordSecurityLevel('')).toBe(phone.client.computedPasswordSecurityLevel('a'));
    await expect(phone.client.updateProfile({ nickname: 'Args' }, null as unknown as undefined)).resolves.toMatchObject({
      nickname: 'Args',
    });
  });
});
