/**
 * What one GraphQL request may ask of the emulator. Without these, one document with 80k aliases held
 * the event loop for 17.9 s and 2.3 GB. Each limit is checked before anything runs, the cheapest first:
 * size (a string length), tokens (the parser stops counting there), then depth, aliases and cost
 * (graphql-armor's validation rules, run with graphql-js's own).
 *
 * Every document authing-js-sdk 4.23.55 sends (types/graphql.v2: the 24 the SDK uses) is at most
 * 1,015 characters, 128 tokens, depth 3, cost 114 and has no alias; the limits leave 8–16× headroom.
 */
import {
  GraphQLError,
  parse,
  specifiedRules,
  validate,
  type DocumentNode,
  type GraphQLSchema,
  type ValidationContext,
  type ValidationRule,
} from 'graphql';
import { maxAliasesRule } from '@escape.tech/graphql-armor-max-aliases';
import { maxDepthRule } from '@escape.tech/graphql-armor-max-depth';
import { costLimitRule } from '@escape.tech/graphql-armor-cost-limit';

export const GRAPHQL_LIMITS = {
  /** characters in `query` */
  querySize: 16 * 1024,
  /** lexical tokens in `query` */
  tokens: 2000,
  /** nesting of selection sets */
  depth: 8,
  /** aliased fields in one operation */
  aliases: 15,
  /** graphql-armor's cost: 2.5 per object, 1 per scalar, ×1.5 per level */
  cost: 1000,
} as const;

/** armor's rules throw by default, which aborts validate(); reporting keeps every error in `errors`. */
const report = {
  propagateOnRejection: false,
  onReject: [(ctx: ValidationContext | null, error: GraphQLError) => ctx?.reportError(error)],
};

const LIMIT_RULES: readonly ValidationRule[] = [
  maxDepthRule({ n: GRAPHQL_LIMITS.depth, ...report }),
  maxAliasesRule({ n: GRAPHQL_LIMITS.aliases, ...report }),
  costLimitRule({ maxCost: GRAPHQL_LIMITS.cost, ...report }),
];

export type CheckedDocument = { document: DocumentNode } | { errors: readonly GraphQLError[] };

/** Parses and validates `source` within the limits; syntax, validation and limit failures come back as errors. */
export function parseWithinLimits(schema: GraphQLSchema, source: string): CheckedDocument {
  if (source.length > GRAPHQL_LIMITS.querySize) {
    return { errors: [new GraphQLError(`Query size limit of ${GRAPHQL_LIMITS.querySize} characters exceeded, found ${source.length}.`)] };
  }
  let document: DocumentNode;
  try {
    document = parse(source, { maxTokens: GRAPHQL_LIMITS.tokens });
  } catch (error) {
    if (error instanceof GraphQLError) return { errors: [error] };
    throw error;
  }
  const errors = validate(schema, document, [...specifiedRules, ...LIMIT_RULES]);
  return errors.length ? { errors } : { document };
}
