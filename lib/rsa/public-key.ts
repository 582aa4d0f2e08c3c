import { base64Decode } from './bytes';

export interface RsaPublicKey {
  /** Modulus, big-endian bytes without leading zeros. */
  n: number[];
  /** Public exponent, big-endian bytes without leading zeros. */
  e: number[];
  /** Modulus length in bytes: the ciphertext length. */
  size: number;
}

/** 1.2.840.113549.1.1.1, rsaEncryption, DER-encoded. */
const RSA_ENCRYPTION_OID = [0x2a, 0x86, 0x48, 0x86, 0xf7, 0x0d, 0x01, 0x01, 0x01];

const SEQUENCE = 0x30;
const INTEGER = 0x02;
const BIT_STRING = 0x03;
const OBJECT_IDENTIFIER = 0x06;

interface Tlv {
  tag: number;
  start: number;
  end: number;
}

/** One DER tag-length-value, bounds-checked: a bad key must fail here, not produce garbage. */
function readTlv(der: number[], offset: number, limit: number): Tlv {
  if (offset + 2 > limit) throw new Error('truncated DER');
  const tag = der[offset];
  let length = der[offset + 1];
  let start = offset + 2;
  if (length & 0x80) {
    const count = length & 0x7f;
    if (count === 0 || count > 4 || start + count > limit) throw new Error('bad DER length');
    length = 0;
    for (let i = 0; i < count; i++) length = length * 256 + der[start + i];
    start += count;
  }
  const end = start + length;
  if (end > limit) throw new Error('truncated DER');
  return { tag, start, end };
}

function expect(tlv: Tlv, tag: number, what: string): Tlv {
  if (tlv.tag !== tag) throw new Error(`expected ${what}`);
  return tlv;
}

/**
 * A DER INTEGER's content as an unsigned big-endian number: a negative one (top bit set) is no
 * modulus or exponent; the sign byte DER puts before a top bit is dropped, as are any zeros.
 */
function unsigned(bytes: number[]): number[] {
  if (bytes.length === 0 || bytes[0] & 0x80) return [];
  let start = 0;
  while (start < bytes.length && bytes[start] === 0) start++;
  return bytes.slice(start);
}

/** RSAPublicKey ::= SEQUENCE { modulus INTEGER, publicExponent INTEGER } (PKCS#1). */
function readRsaPublicKey(der: number[], offset: number, limit: number): RsaPublicKey {
  const sequence = expect(readTlv(der, offset, limit), SEQUENCE, 'RSAPublicKey SEQUENCE');
  const modulus = expect(readTlv(der, sequence.start, sequence.end), INTEGER, 'modulus');
  const exponent = expect(readTlv(der, modulus.end, sequence.end), INTEGER, 'public exponent');
  const n = unsigned(der.slice(modulus.start, modulus.end));
  const e = unsigned(der.slice(exponent.start, exponent.end));
  if (n.length < 64 || !(n[n.length - 1] & 1)) throw new Error('implausible RSA modulus');
  if (e.length === 0 || e.length > 8 || !(e[e.length - 1] & 1)) throw new Error('implausible RSA exponent');
  return { n, e, size: n.length };
}

/** SubjectPublicKeyInfo ::= SEQUENCE { AlgorithmIdentifier, BIT STRING { RSAPublicKey } }. */
function readSpki(der: number[]): RsaPublicKey {
  const outer = expect(readTlv(der, 0, der.length), SEQUENCE, 'SubjectPublicKeyInfo');
  const algorithm = expect(readTlv(der, outer.start, outer.end), SEQUENCE, 'AlgorithmIdentifier');
  const oid = expect(readTlv(der, algorithm.start, algorithm.end), OBJECT_IDENTIFIER, 'algorithm OID');
  const oidBytes = der.slice(oid.start, oid.end);
  if (oidBytes.length !== RSA_ENCRYPTION_OID.length || oidBytes.some((b, i) => b !== RSA_ENCRYPTION_OID[i])) {
    throw new Error('not an RSA key');
  }
  const bits = expect(readTlv(der, algorithm.end, outer.end), BIT_STRING, 'subjectPublicKey');
  if (der[bits.start] !== 0) throw new Error('bad BIT STRING');
  return readRsaPublicKey(der, bits.start + 1, bits.end);
}

/**
 * Reads the RSA key Authing hands out (`/api/v2/.well-known` → `publicKey`): PEM "PUBLIC KEY"
 * (SPKI), PEM "RSA PUBLIC KEY" (PKCS#1), or the bare base64 body of either, as jsencrypt accepts.
 */
export function parsePublicKey(pem: string): RsaPublicKey {
  // The key comes from a server reply: anything but a string is a bad reply, not a TypeError.
  if (typeof pem !== 'string') throw new Error('public key is not a string');
  const body = pem.replace(/-----(BEGIN|END) [A-Z ]+-----/g, '');
  const der = base64Decode(body);
  if (!der || der.length < 16) throw new Error('public key is not PEM or base64');
  // SPKI's first inner element is the AlgorithmIdentifier SEQUENCE; PKCS#1's is the modulus INTEGER.
  const outer = expect(readTlv(der, 0, der.length), SEQUENCE, 'key SEQUENCE');
  const first = readTlv(der, outer.start, outer.end);
  return first.tag === SEQUENCE ? readSpki(der) : readRsaPublicKey(der, 0, der.length);
}
