import { AuthingError, ErrorCodes, type Transport } from '../core';
import { encryptPassword, type EncryptFunction } from '../rsa/encrypt';
import type { PasswordEncryptType } from './types';

/** `GET /api/v3/system`: the server's public keys, bare JSON (Authing's mini-program SDK reads `res[type].publicKey`). */
interface SystemInfo {
  rsa?: { publicKey?: string };
  sm2?: { publicKey?: string };
}

/**
 * Passwords on their way to Authing's v3 API, encrypted as `passwordEncryptType` says with the
 * public key from `/api/v3/system` (read once per client). RSA is built in; SM2 needs the app's
 * `encryptFunction`. A password that cannot be encrypted is never sent (ENCRYPTION_ERROR).
 */
export class PasswordCipher {
  private keys: Promise<SystemInfo> | null = null;

  constructor(
    private readonly transport: Transport,
    private readonly encryptFunction: EncryptFunction | undefined,
  ) {}

  private systemInfo(): Promise<SystemInfo> {
    if (!this.keys) {
      this.keys = this.transport
        .send({ method: 'GET', url: '/api/v3/system', anonymous: true })
        .then((reply) => this.transport.read<SystemInfo>(reply, 'raw', { required: true }));
      // A failed read is not cached: the next password tries again.
      this.keys.catch(() => (this.keys = null));
    }
    return this.keys;
  }

  async encrypt(password: string, type: PasswordEncryptType): Promise<string> {
    if (type === 'none') return password;
    const publicKey = (await this.systemInfo())[type]?.publicKey;
    if (typeof publicKey !== 'string' || !publicKey) {
      throw this.transport.fail(new AuthingError(ErrorCodes.BAD_RESPONSE, `服务器没有提供 ${type} 公钥，密码未发送`));
    }
    const encrypt = this.encryptFunction ?? (type === 'rsa' ? encryptPassword : null);
    if (!encrypt) {
      throw this.transport.fail(
        new AuthingError(ErrorCodes.ENCRYPTION_ERROR, 'SM2 (国密) 加密需要在选项中提供 encryptFunction，密码未发送'),
      );
    }
    try {
      return await encrypt(password, publicKey, type === 'sm2' ? { type, publicKey } : undefined);
    } catch (error) {
      throw this.transport.fail(
        error instanceof AuthingError ? error : new AuthingError(ErrorCodes.ENCRYPTION_ERROR, `密码加密失败，未发送: ${String(error)}`),
      );
    }
  }
}
