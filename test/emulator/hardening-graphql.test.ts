/**
 * One GraphQL request must not be able to hold the emulator: every limit answers 400 in Authing's
 * error shape before anything executes, and the next ordinary request is served.
 */
import { getNamedType, isScalarType, type GraphQLObjectType } from 'graphql';
import { authingSchema } from '../../emulator/src/authing/graphql/schema';
import { GRAPHQL_LIMITS } from '../../emulator/src/authing/graphql/graphql-limits';
import { useEmulator } from '../support/emulator';
import { postJson } from '../support/http-json';

const emulator = useEmulator({ bodyLimit: 8 * 1024 * 1024 });

const STRENGTH = 'checkPasswordStrength(password: "x") { valid }';

function aliases(count: number, field = STRENGTH): string {
  return `{ ${Array.from({ length: count }, (_, i) => `a${i}: ${field}`).join(' ')} }`;
}

async function refused(query: string, message: RegExp) {
  const res = await postJson(`${emulator().url}/graphql/v2`, { query });
  expect(res.status).toBe(400);
  expect(res.body.data).toBeNull();
  expect(res.body.errors).toEqual(
    expect.arrayContaining([expect.objectContaining({ message: { code: 400, message: expect.stringMatching(message), data: null } })]),
  );
}

afterEach(async () => {
  // Whatever was refused, the emulator still answers an ordinary request.
  const res = await postJson(`${emulator().url}/graphql/v2`, { query: `{ ${STRENGTH} }` });
  expect(res.body).toEqual({ data: { checkPasswordStrength: { valid: expect.any(Boolean) } } });
});

describe('GraphQL limits', () => {
  it('refuses the 80k-alias document by its size before parsing it', async () => {
    const query = aliases(80_000);
    expect(query.length).toBeGreaterThan(GRAPHQL_LIMITS.querySize);
    await refused(query, /Query size limit of 16384 characters exceeded/);
  });

  it('stops the parser at the token limit', async () => {
    const query = `{ ${STRENGTH.repeat(400)} }`.slice(0, GRAPHQL_LIMITS.querySize);
    await refused(query, /more that 2000 tokens\. Parsing aborted/); // graphql-js's wording
  });

  it('refuses more aliases than the limit', async () => {
    await refused(aliases(GRAPHQL_LIMITS.aliases + 1), /Aliases limit of 15 exceeded, found 16/);
  });

  it('refuses a document nested deeper than the limit', async () => {
    // The leaf field counts as a level: `depth` nested selections plus the leaf is one too many.
    const deep = 'user { '.repeat(GRAPHQL_LIMITS.depth) + 'id' + ' }'.repeat(GRAPHQL_LIMITS.depth);
    await refused(`{ ${deep} }`, /Query depth limit of 8 exceeded, found 9/);
  });

  it('refuses a document whose cost is over the limit, within the alias limit', async () => {
    const user = authingSchema.getType('User') as GraphQLObjectType;
    const scalars = Object.values(user.getFields())
      .filter((f) => isScalarType(getNamedType(f.type)))
      .map((f) => f.name);
    await refused(aliases(GRAPHQL_LIMITS.aliases, `user { ${scalars.join(' ')} }`), /Query Cost limit of 1000 exceeded/);
  });
});
