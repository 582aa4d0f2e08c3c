import { buildSchema } from 'graphql';

/**
 * The part of Authing's v2 GraphQL schema that authing-js-sdk 4.23's AuthenticationClient uses,
 * with Authing's type and field names so its documents validate unchanged.
 */
export const SCHEMA_SDL = /* GraphQL */ `
  type JWTTokenStatusDetail {
    id: String
    userPoolId: String
    arn: String
  }

  type JWTTokenStatus {
    code: Int
    message: String
    status: Boolean
    exp: Int
    iat: Int
    data: JWTTokenStatusDetail
  }

  type Query {
    checkLoginStatus(token: String): JWTTokenStatus
  }
`;

export const authingSchema = buildSchema(SCHEMA_SDL);
