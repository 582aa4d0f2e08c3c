import { AuthingError, ErrorCodes } from './errors';
import { readReply } from './reply';
import type { Transport } from './transport';

/**
 * Authing's type for the "微信小程序" identity source (身份源管理 → 社会化身份源 → 微信小程序). The same
 * string in every Authing SDK's connection-type enum (authing-node-sdk, authing-java-sdk, …).
 */
export const MINIPROGRAM_CONNECTION_TYPE = 'wechat:miniprogram:default';

/** One entry of `ecConnections` in an app's public config, as Authing's Android SDK reads it (Config.java). */
interface PublicConnection {
  type?: unknown;
  provider?: unknown;
  identifier?: unknown;
}

/**
 * The `extIdpConnidentifier` every v3 mini-program call names: the identifier of the app's WeChat
 * mini-program identity source. Given as an option, or read once from the app's public config
 * (`GET /api/v2/applications/{appId}/public-config` → `ecConnections[]`), the way Authing's
 * Android SDK finds its connections, and kept in memory for the life of the client.
 *
 * Components look it up when they attach, so the tap itself waits for nothing but the login.
 */
export class MiniprogramConnection {
  private known: string | null;
  private pending: Promise<string> | null = null;

  constructor(
    private readonly transport: Transport,
    private readonly appId: string,
    configured?: string,
  ) {
    this.known = configured ?? null;
  }

  /**
   * The identifier, from the option, the cache, or one public-config request shared by all callers.
   * A failure reaches onError once, whoever started the lookup.
   */
  identifier(): Promise<string> {
    return this.shared().catch((error: unknown) => {
      throw error instanceof AuthingError ? this.transport.fail(error) : error;
    });
  }

  /** Looks the identifier up ahead of need, quietly: a failure is left for the next caller to meet and report. */
  prefetch(): void {
    this.shared().catch(() => undefined);
  }

  private shared(): Promise<string> {
    if (this.known) return Promise.resolve(this.known);
    if (!this.pending) {
      this.pending = this.lookup().then(
        (identifier) => {
          this.known = identifier;
          this.pending = null;
          return identifier;
        },
        (error: unknown) => {
          // A failed lookup (offline) is retried by the next caller, not cached.
          this.pending = null;
          throw error;
        },
      );
    }
    return this.pending;
  }

  /** A later client of the same app named the identifier: it wins over a looked-up one. */
  configure(identifier: string): void {
    this.known = identifier;
  }

  /** Not reported here: identifier() reports, a quiet prefetch does not. */
  private async lookup(): Promise<string> {
    const reply = await this.transport.exchange({
      method: 'GET',
      url: `/api/v2/applications/${encodeURIComponent(this.appId)}/public-config`,
      anonymous: true,
    });
    const config = readReply<{ ecConnections?: unknown }>(reply, 'envelope', { required: true });
    const connections = Array.isArray(config.ecConnections) ? (config.ecConnections as PublicConnection[]) : [];
    const match = connections.find(
      (c) =>
        c && (c.type === MINIPROGRAM_CONNECTION_TYPE || c.provider === MINIPROGRAM_CONNECTION_TYPE) && typeof c.identifier === 'string',
    );
    if (!match) {
      throw new AuthingError(
        ErrorCodes.MINIPROGRAM_CONNECTION_MISSING,
        // The console steps are in docs/guide.md (控制台设置): this text ships in every mini program.
        '应用未启用微信小程序身份源（见 SDK 指南「控制台设置」），或在 options 填写 extIdpConnidentifier',
        { type: MINIPROGRAM_CONNECTION_TYPE },
      );
    }
    return match.identifier as string;
  }
}
