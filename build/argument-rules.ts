/**
 * The argument rules of every public method, read from the TypeScript declarations with the
 * compiler API (lib/core/arguments.ts explains the format and runs them):
 *   lib/core/arguments.generated.ts           AuthCore (lib/core/auth-core.ts)
 *   lib/v3/arguments.generated.ts             Authing, the v3 client (lib/v3/authing.ts)
 *   lib/full/arguments/rules.generated.ts     our AuthenticationClient, authing-js-sdk's
 *                                             inherited methods and the sub-clients it exposes
 *
 * The tables are committed (lib/ type-checks before anything is built, and the sources run in
 * tests as they are); `npx gulp rules` rewrites them, and `gulp build` and
 * test/build/argument-rules.test.ts fail when they no longer match the declarations.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import ts from 'typescript';
import type { MethodRules } from '../lib/core/arguments';

/**
 * AuthenticationClient properties that are sub-clients a developer calls (`client.mfa.verifyTotpMfa`),
 * and the ones that are plumbing the client itself uses. A new property of a class type must be put
 * in one list or the other: the generator refuses to guess.
 */
export const SUB_CLIENTS = [
  'mfa',
  'social',
  'enterprise',
  'principal',
  'qrcode',
  'wxqrcode',
  'wechatmpqrcode',
  'event',
  'browserFingerprint',
];
export const PLUMBING = ['core', 'options', 'baseClient', 'graphqlClient', 'httpClient', 'naiveHttpClient', 'tokenProvider'];

/**
 * Methods left to check their own arguments. The lead is rewriting AuthCore's WeChat phone-code
 * flows (their arguments may change shape): take them off this list once that lands.
 */
/** Required strings where '' is a meaningful value: the strength of an empty password is LOW. */
const EMPTY_STRING_ALLOWED = ['AuthenticationClient.computedPasswordSecurityLevel'];

/** One parameter or field, before it is written in lib/core/arguments.ts's string form. */
interface ArgumentRule {
  name: string;
  optional: boolean;
  /** letters, or the strings an enum accepts */
  kinds: string | string[];
  fields: ArgumentRule[];
}

/** `name[?]:kinds[(fields)]`, comma-separated (lib/core/arguments.ts). */
function encode(rules: ArgumentRule[], where: string): string {
  return rules
    .map((rule) => {
      let kinds = rule.kinds;
      if (typeof kinds !== 'string') {
        for (const value of kinds)
          if (/[,()|'\\]/.test(value)) throw new Error(`${where}: enum value ${JSON.stringify(value)} cannot be encoded`);
        kinds = '=' + kinds.join('|');
      }
      const fields = rule.fields.length ? `(${encode(rule.fields, where)})` : '';
      return `${rule.name}${rule.optional ? '?' : ''}:${kinds}${fields}`;
    })
    .join(',');
}

/** A class whose rules are generated: where it is declared, and the file its rules are written to. */
interface Target {
  file: string;
  source: string;
  className: string;
}

const CORE_TARGET: Target = { file: 'lib/core/arguments.generated.ts', source: 'lib/core/auth-core.ts', className: 'AuthCore' };
const V3_TARGET: Target = { file: 'lib/v3/arguments.generated.ts', source: 'lib/v3/authing.ts', className: 'Authing' };
const FULL_TARGET: Target = {
  file: 'lib/full/arguments/rules.generated.ts',
  source: 'lib/full/authentication-client.ts',
  className: 'AuthenticationClient',
};

/** The classes with their rules, and what the tests need to cover every runtime method. */
export interface ArgumentModel {
  core: MethodRules;
  /** the v3 client, Authing (lib/v3/authing.ts) */
  v3: MethodRules;
  client: MethodRules;
  /** sub-client property → rules (the three QR-code clients share one class) */
  subClients: Record<string, MethodRules>;
  /** private, protected and `_`-internal members by class ('' for the client, or the sub-client property) */
  hidden: Record<string, string[]>;
}

function createProgram(root: string): ts.Program {
  const configPath = path.join(root, 'tsconfig.lib.json');
  const config = ts.getParsedCommandLineOfConfigFile(configPath, {}, { ...ts.sys, onUnRecoverableConfigFileDiagnostic: () => {} });
  if (!config) throw new Error(`cannot read ${configPath}`);
  return ts.createProgram({
    rootNames: [CORE_TARGET, V3_TARGET, FULL_TARGET].map((target) => path.join(root, target.source)),
    options: config.options,
  });
}

class RuleReader {
  constructor(private readonly checker: ts.TypeChecker) {}

  /** The declared class's instance type. */
  classType(program: ts.Program, root: string, target: Target): ts.Type {
    const file = program.getSourceFile(path.join(root, target.source));
    const declaration = file?.statements.find(
      (statement): statement is ts.ClassDeclaration => ts.isClassDeclaration(statement) && statement.name?.text === target.className,
    );
    if (!declaration?.name) throw new Error(`class ${target.className} not found in ${target.source}`);
    return this.checker.getDeclaredTypeOfSymbol(this.checker.getSymbolAtLocation(declaration.name)!);
  }

  isHidden(member: ts.Symbol): boolean {
    const declaration = member.valueDeclaration ?? member.declarations?.[0];
    if (!declaration) return false;
    return (ts.getCombinedModifierFlags(declaration) & (ts.ModifierFlags.Private | ts.ModifierFlags.Protected)) !== 0;
  }

  /** Public methods → rules; private/protected names in `hidden`. Plain properties are skipped. */
  methods(type: ts.Type, className: string, hidden: string[]): MethodRules {
    const rules: MethodRules = { promised: {}, returned: {} };
    for (const member of this.checker.getPropertiesOfType(type)) {
      const signatures = this.checker.getTypeOfSymbol(member).getCallSignatures();
      // `_name`: authing-js-sdk's internal helpers (public only to TypeScript), called by the methods
      // that check their arguments first; as private ones, they are left out to keep the table small.
      if (this.isHidden(member) || member.name.charAt(0) === '_') {
        hidden.push(member.name);
        continue;
      }
      if (!signatures.length) continue;
      if (signatures.length > 1) throw new Error(`${className}.${member.name} is overloaded: give it one signature`);
      const signature = signatures[0];
      const promised = this.isPromise(signature.getReturnType());
      const allowEmpty = EMPTY_STRING_ALLOWED.indexOf(`${className}.${member.name}`) >= 0;
      const where = `${className}.${member.name}`;
      const params = signature.parameters.map((parameter) => this.parameter(parameter, where, allowEmpty));
      (promised ? rules.promised : rules.returned)[member.name] = encode(params, where);
    }
    return rules;
  }

  private isPromise(type: ts.Type): boolean {
    return (type.getSymbol()?.getName() ?? '') === 'Promise';
  }

  private parameter(symbol: ts.Symbol, where: string, allowEmpty: boolean): ArgumentRule {
    const declaration = symbol.valueDeclaration as ts.ParameterDeclaration | undefined;
    if (!declaration) throw new Error(`${where}: parameter ${symbol.name} has no declaration`);
    if (declaration.dotDotDotToken) throw new Error(`${where}: rest parameter ${symbol.name}: declare the parameters one by one`);
    // A destructured parameter has no name of its own; the docs call such objects `options`.
    const name = ts.isIdentifier(declaration.name) ? declaration.name.text : 'options';
    const type = this.checker.getTypeOfSymbol(symbol);
    const optional = this.checker.isOptionalParameter(declaration) || this.acceptsUndefined(type);
    return this.rule(name, type, optional, where, allowEmpty, true);
  }

  private acceptsUndefined(type: ts.Type): boolean {
    return type.isUnion() ? type.types.some((member) => (member.flags & ts.TypeFlags.Undefined) !== 0) : false;
  }

  private rule(name: string, type: ts.Type, optional: boolean, where: string, allowEmpty: boolean, withFields: boolean): ArgumentRule {
    const kinds = this.kinds(type, where, allowEmpty);
    const fields = withFields && kinds === 'o' ? this.fields(type, `${where}(${name})`) : [];
    return { name, optional, kinds, fields };
  }

  /** Declared properties of a plain object type, one level deep (deeper objects: kind only). */
  private fields(type: ts.Type, where: string): ArgumentRule[] {
    const objects = (type.isUnion() ? type.types : [type]).filter((member) => (member.flags & ts.TypeFlags.Object) !== 0);
    if (objects.length !== 1) return [];
    const rules: ArgumentRule[] = [];
    for (const property of this.checker.getPropertiesOfType(objects[0])) {
      const declaration = property.valueDeclaration;
      if (!declaration || !(ts.isPropertySignature(declaration) || ts.isPropertyDeclaration(declaration))) continue;
      const propertyType = this.checker.getTypeOfSymbol(property);
      const optional = (property.flags & ts.SymbolFlags.Optional) !== 0 || this.acceptsUndefined(propertyType);
      const rule = this.rule(property.name, propertyType, optional, where, false, false);
      // Optional fields are checked only when they are enums: the table stays small enough for the phone.
      if (!optional || typeof rule.kinds !== 'string') rules.push(rule);
    }
    return rules;
  }

  /** The letters (see lib/core/arguments.ts) or the strings of an enum a type accepts. */
  private kinds(type: ts.Type, where: string, allowEmpty: boolean): string | string[] {
    const letters = new Set<string>();
    const literals: string[] = [];
    for (const member of type.isUnion() ? type.types : [type]) {
      const flags = member.flags;
      if (flags & (ts.TypeFlags.Any | ts.TypeFlags.Unknown | ts.TypeFlags.TypeParameter)) return '*';
      if (flags & (ts.TypeFlags.Undefined | ts.TypeFlags.Void)) continue;
      if (flags & ts.TypeFlags.Null) letters.add('l');
      else if (flags & ts.TypeFlags.StringLiteral) literals.push((member as ts.StringLiteralType).value);
      else if (flags & ts.TypeFlags.NumberLiteral)
        letters.add('n'); // no numeric enum among the methods; a number passes
      else if (flags & ts.TypeFlags.StringLike) letters.add(allowEmpty ? 'S' : 's');
      else if (flags & ts.TypeFlags.NumberLike) letters.add('n');
      else if (flags & ts.TypeFlags.BooleanLike) letters.add('b');
      else if (this.checker.isArrayType(member) || this.checker.isTupleType(member)) letters.add('a');
      else if (member.getCallSignatures().length || member.getSymbol()?.getName() === 'Function') letters.add('f');
      else if (flags & (ts.TypeFlags.Object | ts.TypeFlags.NonPrimitive | ts.TypeFlags.Intersection)) letters.add('o');
      else throw new Error(`${where}: no rule for type ${this.checker.typeToString(member)}`);
    }
    if (literals.length) {
      const open = letters.has('s') || letters.has('S') ? [] : literals;
      if (!open.length) return order(letters);
      if (letters.size) throw new Error(`${where}: literals mixed with other types: ${this.checker.typeToString(type)}`);
      return open;
    }
    if (!letters.size) throw new Error(`${where}: accepts nothing: ${this.checker.typeToString(type)}`);
    return order(letters);
  }
}

function order(letters: Set<string>): string {
  return Array.from(letters)
    .sort((a, b) => 'sSnboafl'.indexOf(a) - 'sSnboafl'.indexOf(b))
    .join('');
}

/** Reads the declarations: the rules, plus the names the tests need to cover every runtime method. */
export function argumentModel(root: string): ArgumentModel {
  const program = createProgram(root);
  const checker = program.getTypeChecker();
  const reader = new RuleReader(checker);
  const hidden: Record<string, string[]> = { AuthCore: [], Authing: [], '': [] };
  const coreType = reader.classType(program, root, CORE_TARGET);
  const core = reader.methods(coreType, 'AuthCore', hidden.AuthCore);
  const v3 = reader.methods(reader.classType(program, root, V3_TARGET), 'Authing', hidden.Authing);
  const clientType = reader.classType(program, root, FULL_TARGET);
  const client = reader.methods(clientType, 'AuthenticationClient', hidden['']);
  const subClients: Record<string, MethodRules> = {};
  for (const member of checker.getPropertiesOfType(clientType)) {
    if (reader.isHidden(member)) continue;
    const type = checker.getTypeOfSymbol(member);
    if (type.getCallSignatures().length || !type.getSymbol() || !(type.getSymbol()!.flags & ts.SymbolFlags.Class)) continue;
    if (PLUMBING.indexOf(member.name) >= 0) continue;
    if (SUB_CLIENTS.indexOf(member.name) < 0) {
      throw new Error(`AuthenticationClient.${member.name} (${checker.typeToString(type)}): add it to SUB_CLIENTS or PLUMBING`);
    }
    hidden[member.name] = [];
    subClients[member.name] = reader.methods(type, type.getSymbol()!.getName(), hidden[member.name]);
  }
  for (const name of SUB_CLIENTS) if (!subClients[name]) throw new Error(`AuthenticationClient has no sub-client ${name}`);
  return { core, v3, client, subClients, hidden };
}

const HEADER = (source: string) =>
  `// Generated by build/argument-rules.ts from the declarations of ${source}.\n` +
  '// Do not edit: `npx gulp rules` rewrites it; the build fails while it is out of date.\n';

/** One method per line, so a changed signature is a one-line diff. */
function renderRules(rules: MethodRules): string {
  const block = (table: Record<string, string>) => {
    // A method without parameters has nothing to check: it is not wrapped at all.
    const names = Object.keys(table)
      .filter((name) => table[name] !== '')
      .sort();
    // Single quotes, as prettier writes them (encode() keeps quotes and backslashes out of the rules).
    // Laid out as the project's prettier (printWidth 140) would.
    const line = (name: string) => {
      const oneLine = `    ${name}: '${table[name]}',`;
      return oneLine.length > 140 ? `    ${name}:\n      '${table[name]}',` : oneLine;
    };
    return names.length ? `{\n${names.map(line).join('\n')}\n  }` : '{}';
  };
  return `{\n  promised: ${block(rules.promised)},\n  returned: ${block(rules.returned)},\n}`;
}

/** The two generated files' paths (from the root) and contents. */
export function renderArgumentRules(model: ArgumentModel): Record<string, string> {
  const core =
    HEADER('AuthCore (lib/core/auth-core.ts)') +
    "import type { MethodRules } from './arguments';\n\n" +
    `export const AUTH_CORE_RULES: MethodRules = ${renderRules(model.core)};\n`;
  const v3 =
    HEADER('Authing (lib/v3/authing.ts)') +
    "import type { MethodRules } from '../core';\n\n" +
    `export const AUTHING_RULES: MethodRules = ${renderRules(model.v3)};\n`;
  // Sub-clients of one class (qrcode, wxqrcode, wechatmpqrcode) share one table.
  const shared = new Map<string, string[]>();
  for (const name of Object.keys(model.subClients).sort()) {
    const body = renderRules(model.subClients[name]);
    shared.set(body, (shared.get(body) ?? []).concat(name));
  }
  const constants: string[] = [];
  const members: string[] = [];
  for (const [body, names] of shared) {
    const constant = `${names[0].replace(/[A-Z]/g, (c) => '_' + c).toUpperCase()}_RULES`;
    constants.push(`const ${constant}: MethodRules = ${body};\n`);
    for (const name of names) members.push(`  ${name}: ${constant},`);
  }
  const full =
    HEADER('AuthenticationClient (lib/full/authentication-client.ts), authing-js-sdk 4.23 included') +
    "import type { MethodRules } from '../../core';\n\n" +
    `export const AUTHENTICATION_CLIENT_RULES: MethodRules = ${renderRules(model.client)};\n\n` +
    constants.join('\n') +
    `\n/** The sub-clients a developer calls (client.mfa…), by property. */\nexport const SUB_CLIENT_RULES: Record<string, MethodRules> = {\n${members.join('\n')}\n};\n`;
  return { [CORE_TARGET.file]: core, [V3_TARGET.file]: v3, [FULL_TARGET.file]: full };
}

/** The generated files that differ from what the declarations give now. */
export function staleArgumentRules(root: string, rendered = renderArgumentRules(argumentModel(root))): string[] {
  return Object.keys(rendered).filter((file) => {
    try {
      return readFileSync(path.join(root, file), 'utf8') !== rendered[file];
    } catch {
      return true;
    }
  });
}

export function writeArgumentRules(root: string): string[] {
  const rendered = renderArgumentRules(argumentModel(root));
  const stale = staleArgumentRules(root, rendered);
  for (const file of stale) writeFileSync(path.join(root, file), rendered[file]);
  return stale;
}
