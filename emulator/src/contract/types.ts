/**
 * The contract: what real Authing (and WeChat's server) accept and answer, endpoint by endpoint,
 * each fact tied to the Authing client or document it was read from. Plain data, so one table
 * drives the emulator's request validation, the test run's recording check and the docs.
 */

/** Which face of the emulator an endpoint belongs to; each answers failures in its own envelope. */
export type Face = 'authing-v2' | 'authing-v3' | 'oidc' | 'graphql' | 'wechat' | 'emulator';

/** A JSON-schema subset (what ajv, fastify's validator, takes). Objects are closed: unknown fields are refused. */
export type FieldSpec =
  | { type: 'string'; minLength?: number; maxLength?: number; pattern?: string; enum?: readonly string[]; description?: string }
  | { type: 'boolean'; description?: string }
  | { type: 'integer' | 'number'; minimum?: number; maximum?: number; description?: string }
  | { type: ['string', 'null']; description?: string }
  | ObjectSpec
  | { type: 'array'; items: FieldSpec; maxItems?: number; description?: string }
  | { description?: string }; // any JSON value (Authing documents the field as free-form, e.g. customData)

export interface ObjectSpec {
  type: 'object';
  properties: Record<string, FieldSpec>;
  required?: readonly string[];
  additionalProperties: false | FieldSpec;
  description?: string;
}

/** Where a fact was read. A repository file (with a symbol or line), or a page of docs.authing.cn. */
export type Source =
  { repo: string; path: string; symbol?: string; note?: string } | { url: string; note?: string } | { emulatorOnly: true; note: string };

export interface ContractEntry {
  /** Stable id, e.g. "v3.signin-by-mobile"; the recording check and the docs name entries by it. */
  id: string;
  face: Face;
  method: 'GET' | 'POST';
  /** The route as fastify registers it (`:param` segments). */
  path: string;
  summary: string;
  /** Headers the endpoint needs (lower case). Other headers are never refused: HTTP stacks add their own. */
  headers?: { required?: readonly string[]; optional?: readonly string[] };
  /** How the caller proves who it is: Authing's clients send `Bearer <token>`, the mini-program SDK the raw token on v3. */
  auth?: 'none' | 'bearer-required' | 'bearer-optional' | 'token-required';
  /** The request's content type; null for requests without a body. */
  contentType: 'application/json' | 'multipart/form-data' | 'application/x-www-form-urlencoded' | null;
  query?: ObjectSpec;
  body?: ObjectSpec;
  /** The reply: its envelope and the `data` fields Authing's clients read. */
  reply: { envelope: string; data: readonly string[] };
  /** For the GraphQL face: the operation this entry is (the HTTP request is `graphql.v2`). */
  operation?: string;
  sources: readonly Source[];
}

export const isEmulatorOnly = (entry: ContractEntry): boolean => entry.sources.some((s) => 'emulatorOnly' in s);
