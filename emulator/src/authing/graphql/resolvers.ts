import type { EmulatorContext } from '../../context';
import { registerLoginResolvers } from './register-login';
import { tokenStatusResolvers } from './token-status';
import { passwordResolvers } from './password';
import { profileResolvers } from './profile';
import { phoneEmailResolvers } from './phone-email';
import { udvResolvers } from './udv';

export type { GraphqlRequestContext } from './request-context';

/**
 * Root resolvers (graphql-js "rootValue" style): one function per Query/Mutation field, each
 * `(args, request) => result`, grouped by family in the modules imported above.
 */
export function createRootValue(ctx: EmulatorContext) {
  return {
    ...registerLoginResolvers(ctx),
    ...tokenStatusResolvers(ctx),
    ...passwordResolvers(ctx),
    ...profileResolvers(ctx),
    ...phoneEmailResolvers(ctx),
    ...udvResolvers(ctx),
  };
}
