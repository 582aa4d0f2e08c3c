/** What each GraphQL request carries into its resolvers. */
export interface GraphqlRequestContext {
  authorization: string | undefined;
  ip: string;
}
