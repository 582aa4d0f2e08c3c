import type { FastifyInstance } from 'fastify';
import { GraphQLError, execute, type ExecutionResult } from 'graphql';
import type { EmulatorContext } from '../../context';
import { AuthingCodes, AuthingError } from '../../errors';
import { authingSchema } from './schema';
import { createRootValue, type GraphqlRequestContext } from './resolvers';
import { parseWithinLimits } from './graphql-limits';

/** Authing's error shape inside GraphQL: `message` is an object, not the standard string. */
function authingErrors(errors: readonly GraphQLError[]) {
  return errors.map((error) => {
    // graphql-js wraps input coercion failures (wrong variable type, bad enum) as a GraphQLError original.
    const original = error.originalError instanceof GraphQLError ? undefined : error.originalError;
    const message =
      original instanceof AuthingError
        ? { code: original.code, message: original.message, data: original.data }
        : { code: original ? 500 : AuthingCodes.badRequest, message: original ? 'internal emulator error' : error.message, data: null };
    return {
      message,
      locations: error.locations,
      path: error.path,
      extensions: { code: original instanceof AuthingError ? 'AUTHING_ERROR' : 'GRAPHQL_ERROR' },
    };
  });
}

/** POST /graphql/v2: executes the documents authing-js-sdk sends against a schema of what it uses. */
export function registerGraphqlRoute(app: FastifyInstance, ctx: EmulatorContext): void {
  const rootValue = createRootValue(ctx);

  app.post('/graphql/v2', async (req, reply) => {
    const input = req.body as { query?: unknown; variables?: unknown; operationName?: unknown } | null;
    if (!input || typeof input !== 'object' || typeof input.query !== 'string' || !input.query.trim()) {
      throw new AuthingError(AuthingCodes.badRequest, 'request body must be {query, variables?}', 400);
    }
    if (
      input.variables !== undefined &&
      input.variables !== null &&
      (typeof input.variables !== 'object' || Array.isArray(input.variables))
    ) {
      throw new AuthingError(AuthingCodes.badRequest, 'variables must be an object', 400);
    }
    const contextValue: GraphqlRequestContext = { authorization: req.headers.authorization, ip: req.ip };
    const checked = parseWithinLimits(authingSchema, input.query);
    // A document that does not parse, validate or fit the limits never runs: that is the client's 400.
    if ('errors' in checked) return reply.code(400).send({ data: null, errors: authingErrors(checked.errors) });
    const result: ExecutionResult = await execute({
      schema: authingSchema,
      document: checked.document,
      rootValue,
      contextValue,
      variableValues: (input.variables as Record<string, unknown> | null | undefined) ?? undefined,
      operationName: typeof input.operationName === 'string' ? input.operationName : undefined,
    });
    if (!result.errors?.length) return { data: result.data };
    // Variables that do not coerce also stop it before it runs (no data): a 400 as well.
    const ran = result.data !== undefined;
    for (const error of result.errors) {
      const original = error.originalError;
      if (original && !(original instanceof AuthingError) && !(original instanceof GraphQLError)) req.log.error(original);
    }
    return reply.code(ran ? 200 : 400).send({ data: result.data ?? null, errors: authingErrors(result.errors) });
  });
}
