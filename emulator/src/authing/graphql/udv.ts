import type { EmulatorContext } from '../../context';
import { AuthingCodes, AuthingError } from '../../errors';
import type { GraphqlRequestContext } from './request-context';
import { authenticateCaller, type Caller } from './caller';
import { typedUdvFromWire } from './udv-values';
import { customDataOf } from './graph-user';

export interface Target {
  targetType: string;
  targetId: string;
}

/** An end user reads and writes their own user data only; other target types belong to the console. */
async function ownUser(ctx: EmulatorContext, req: GraphqlRequestContext, target: Target): Promise<Caller> {
  const caller = await authenticateCaller(ctx, req);
  if (target.targetType !== 'USER' || target.targetId !== caller.user.id) {
    throw new AuthingError(AuthingCodes.forbidden, '无权限执行此项操作：只能读写当前用户自己的自定义数据', 403);
  }
  return caller;
}

function assertKey(key: string): void {
  if (!key.trim()) throw new AuthingError(AuthingCodes.badRequest, '自定义字段 key 不能为空');
}

export function udvResolvers(ctx: EmulatorContext) {
  const list = (userId: string) => customDataOf(ctx, userId);

  return {
    async udv(target: Target, req: GraphqlRequestContext) {
      const caller = await ownUser(ctx, req, target);
      return list(caller.user.id);
    },

    async setUdv(args: Target & { key: string; value: string }, req: GraphqlRequestContext) {
      const caller = await ownUser(ctx, req, args);
      assertKey(args.key);
      const typed = typedUdvFromWire(args.value);
      ctx.users.setUdv(caller.user.id, args.key, typed.dataType, typed.value);
      return list(caller.user.id);
    },

    /** setUdfValue's batch. A missing value is what `JSON.stringify(undefined)` leaves, so it removes the key. */
    async setUdvBatch(args: Target & { udvList?: Array<{ key: string; value?: string | null }> | null }, req: GraphqlRequestContext) {
      const caller = await ownUser(ctx, req, args);
      const items = args.udvList ?? [];
      items.forEach((item) => assertKey(item.key));
      ctx.db.transaction(() => {
        for (const { key, value } of items) {
          if (value === null || value === undefined) {
            ctx.users.removeUdv(caller.user.id, key);
          } else {
            const typed = typedUdvFromWire(value);
            ctx.users.setUdv(caller.user.id, key, typed.dataType, typed.value);
          }
        }
      })();
      return list(caller.user.id);
    },

    async removeUdv(args: Target & { key: string }, req: GraphqlRequestContext) {
      const caller = await ownUser(ctx, req, args);
      ctx.users.removeUdv(caller.user.id, args.key);
      return list(caller.user.id);
    },
  };
}
