/**
 * Stands in for `crypto-js` inside the bundled authing-js-sdk. All AuthenticationClient uses is
 * `SHA256(text).toString(enc.Base64 | enc.Hex)` (PKCE S256 challenges), so this is that, on a
 * small SHA-256, instead of crypto-js' 200 KB.
 */
import { hash } from '@stablelib/sha256';
import { base64Encode, hexEncode, utf8Encode } from '../../rsa/bytes';

export interface Encoder {
  stringify(bytes: Uint8Array): string;
}

export interface Digest {
  readonly bytes: Uint8Array;
  toString(encoder?: Encoder): string;
}

export const enc: { Hex: Encoder; Base64: Encoder } = {
  Hex: { stringify: hexEncode },
  Base64: { stringify: base64Encode },
};

/** crypto-js hashes a string as its UTF-8 bytes; its default `toString()` is hex. */
export function SHA256(message: string): Digest {
  const bytes = hash(new Uint8Array(utf8Encode(String(message))));
  return { bytes, toString: (encoder = enc.Hex) => encoder.stringify(bytes) };
}

export default { SHA256, enc };
