import type { ResolvedOptions } from './options';
import type { Db } from './store/database';
import type { WechatStore } from './wechat/wechat-store';
import type { UserStore } from './store/user-store';
import type { SessionService } from './authing/sessions';
import type { MessageStore } from './store/message-store';
import type { GrantStore } from './store/grant-store';
import type { PasswordDecrypter } from './crypto/rsa';
import type { Sm2KeyPair } from './crypto/sm2';
import type { WechatClient } from './authing/wechat-client';

/** Everything a route needs; one per running emulator. */
export interface EmulatorContext {
  options: ResolvedOptions;
  db: Db;
  /** The emulator's clock: wall time plus what the control API has advanced it by. */
  now: () => number;
  advanceClock: (ms: number) => void;
  resetClock: () => void;
  /** The URL the emulator listens on, known once it is listening. */
  baseUrl: () => string;
  wechat: WechatStore;
  users: UserStore;
  sessions: SessionService;
  messages: MessageStore;
  /** Refresh tokens and the v3 account flows' one-time tickets. */
  grants: GrantStore;
  /** Password-field keys: RSA (v2's .well-known and v3's system) and SM2 (v3's system). */
  passwords: { publicKeyPem: string; decrypter: PasswordDecrypter; sm2: Sm2KeyPair };
  /** The Authing side's HTTP client for the WeChat server API. */
  wechatClient: WechatClient;
  uploadDir: string;
}
