import type { EmulatorContext } from '../../context';
import { PROFILE_FIELDS, type UserRecord } from '../../store/user-store';
import { AuthingError } from '../../errors';
import type { GraphqlRequestContext } from './request-context';
import { assertSelf, authenticateCaller } from './caller';
import { graphUser } from './graph-user';

/** Authing's "用户无权限修改此项内容" (docs: reference/error-code). */
const FIELD_NOT_EDITABLE = 2018;

const EDITABLE = new Set<string>(PROFILE_FIELDS);

export function profileResolvers(ctx: EmulatorContext) {
  return {
    /** getCurrentUser: the `id` argument may be omitted; when given it must be the caller's own. */
    async user({ id }: { id?: string | null }, req: GraphqlRequestContext) {
      const caller = await authenticateCaller(ctx, req);
      assertSelf(caller, id);
      return graphUser(ctx, caller.user, caller.token);
    },

    /**
     * updateProfile. Contact points, password and account state are not profile: Authing's docs say
     * changing phone, email or password here fails (they have their own verified operations), so such
     * fields are refused by name rather than dropped. emailToken / phoneToken come from verification
     * flows the emulator does not have, so they unlock nothing.
     */
    async updateUser({ id, input }: { id?: string | null; input: Record<string, unknown> }, req: GraphqlRequestContext) {
      const caller = await authenticateCaller(ctx, req);
      assertSelf(caller, id);
      const given = Object.keys(input).filter((name) => input[name] !== undefined);
      const refused = given.filter((name) => !EDITABLE.has(name));
      if (refused.length) {
        throw new AuthingError(FIELD_NOT_EDITABLE, `用户无权限修改此项内容: ${refused.join(', ')}`, 200, { fields: refused });
      }
      const patch = Object.fromEntries(given.map((name) => [name, input[name]])) as Partial<UserRecord>;
      return graphUser(ctx, ctx.users.update(caller.user.id, patch), caller.token);
    },
  };
}
