import { createCipheriv, createHash } from 'node:crypto';
import { decryptWechatData, encryptWechatData, signRawData, WechatDataError } from '../../emulator/src/crypto/wechat-data';

// WeChat's own published sample (the WXBizDataCrypt demo of its "open data" decryption guide).
const SAMPLE = {
  appId: 'wx4f4bc4dec97d474b',
  sessionKey: 'tiihtNczf5v6AKRyjwEUhQ==',
  iv: 'r7BXXKkLb8qrSNn05n0qiA==',
  encryptedData:
    'CiyLU1Aw2KjvrjMdj8YKliAjtP4gsMZMQmRzooG2xrDcvSnxIMXFufNstNGTyaGS9uT5geRa0W4oTOb1WT7fJlAC+oNPdbB+3hVbJSRgv+4lGOETKUQz6OYStslQ142d' +
    'NCuabNPGBzlooOmB231qMM85d2/fV6ChevvXvQP8Hkue1poOFtnEtpyxVLW1zAo6/1Xx1COxFvrc2d7UL/lmHInNlxuacJXwu0fjpXfz/YqYzBIBzD6WUfTIF9GRHpOn' +
    '/Hz7saL8xz+W//FRAUid1OksQaQx4CMs8LOddcQhULW4ucetDf96JcR3g0gfRK4PC7E/r7Z6xNrXd2UIeorGj5Ef7b1pJAYB6Y5anaHqZ9J6nKEBvB4DnNLIVWSgARns' +
    '/8wR2SiRS7MNACwTyrGvt9ts8p12PKFdlqYTopNHR1Vf7XjfhQlVsAJdNiKdYmYVoKlaRv85IfVunYzO0IKXsyl7JCUjCpoG20f0a04COwfneQAGGwd5oa+T8yO5hzuy' +
    'Db/XcxxmK01EpqOyuxINew==',
};

/** An independent encryption straight from the algorithm's definition, to check ours against. */
function referenceEncrypt(plaintext: string, sessionKey: string, iv: string): string {
  const cipher = createCipheriv('aes-128-cbc', Buffer.from(sessionKey, 'base64'), Buffer.from(iv, 'base64'));
  cipher.setAutoPadding(false);
  const data = Buffer.from(plaintext, 'utf8');
  const pad = 16 - (data.length % 16); // PKCS#7: always 1..16 bytes, each equal to the count
  return Buffer.concat([cipher.update(Buffer.concat([data, Buffer.alloc(pad, pad)])), cipher.final()]).toString('base64');
}

describe('WeChat open-data crypto', () => {
  it('decrypts WeChat’s published sample', () => {
    const data = decryptWechatData<{ nickName: string; unionId: string; watermark: { appid: string; timestamp: number } }>(
      SAMPLE.encryptedData,
      SAMPLE.iv,
      SAMPLE.sessionKey,
      SAMPLE.appId,
    );
    expect(data).toMatchObject({
      nickName: 'Band',
      gender: 1,
      city: 'Guangzhou',
      unionId: 'ocMvos6NjeKLIBqg5Mr9QjxrP1FA',
      watermark: { timestamp: 1477314187, appid: 'wx4f4bc4dec97d474b' },
    });
  });

  it('refuses the sample for another mini program (watermark appid)', () => {
    expect(() => decryptWechatData(SAMPLE.encryptedData, SAMPLE.iv, SAMPLE.sessionKey, 'wx0000000000000000')).toThrow(
      expect.objectContaining({ reason: 'watermark' }),
    );
  });

  it('encrypts byte-for-byte as the algorithm defines, for payloads around the block boundary', () => {
    const sessionKey = Buffer.alloc(16, 7).toString('base64');
    const iv = Buffer.from('00112233445566778899aabbccddeeff', 'hex').toString('base64');
    for (const filler of ['', 'x', 'x'.repeat(15), 'x'.repeat(16), '手机号'.repeat(9)]) {
      const payload = { phoneNumber: '13800138000', filler, watermark: { appid: 'wx5f2b0c1d3e4a6b79', timestamp: 1 } };
      const ours = encryptWechatData(payload, sessionKey, iv);
      expect(ours.encryptedData).toBe(referenceEncrypt(JSON.stringify(payload), sessionKey, iv));
      expect(decryptWechatData(ours.encryptedData, iv, sessionKey, 'wx5f2b0c1d3e4a6b79')).toEqual(payload);
    }
  });

  it('fails to decrypt under a rotated session_key', () => {
    const before = Buffer.alloc(16, 1).toString('base64');
    const after = Buffer.alloc(16, 2).toString('base64');
    const { encryptedData, iv } = encryptWechatData({ watermark: { appid: 'wx5f2b0c1d3e4a6b79', timestamp: 1 }, phoneNumber: '1' }, before);
    let caught: unknown;
    try {
      decryptWechatData(encryptedData, iv, after, 'wx5f2b0c1d3e4a6b79');
    } catch (err) {
      caught = err;
    }
    // A wrong key almost always breaks the padding; when it does not, the plaintext is garbage and not JSON.
    expect(caught).toBeInstanceOf(WechatDataError);
    expect(['decrypt', 'json']).toContain((caught as WechatDataError).reason);
  });

  it('rejects keys and ivs that are not 16 bytes of base64', () => {
    expect(() => decryptWechatData(SAMPLE.encryptedData, 'short', SAMPLE.sessionKey, SAMPLE.appId)).toThrow(
      expect.objectContaining({ reason: 'bad-iv' }),
    );
    expect(() => decryptWechatData(SAMPLE.encryptedData, SAMPLE.iv, 'AAAA', SAMPLE.appId)).toThrow(
      expect.objectContaining({ reason: 'bad-key' }),
    );
  });

  it('signs rawData as sha1(rawData + session_key)', () => {
    const rawData = '{"nickName":"Band","gender":1}';
    expect(signRawData(rawData, SAMPLE.sessionKey)).toBe(
      createHash('sha1')
        .update(rawData + SAMPLE.sessionKey)
        .digest('hex'),
    );
    expect(signRawData(rawData, SAMPLE.sessionKey)).toMatch(/^[0-9a-f]{40}$/);
  });
});
