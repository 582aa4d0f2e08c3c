import { AuthingError, ErrorCodes, fromWxFailure, wxErrMsg } from './errors';
import type { Transport } from './transport';
import { callWx } from './wx-promise';

/**
 * Lets the user pick one image: wx.chooseMedia (base library 2.10.0+), wx.chooseImage only where
 * chooseMedia is missing. Closing the picker rejects with CANCELLED.
 */
export async function chooseImage(): Promise<string> {
  if (typeof wx.chooseMedia === 'function') {
    const result = await callWx<WechatMiniprogram.ChooseMediaSuccessCallbackResult>('wx.chooseMedia', (callbacks) =>
      wx.chooseMedia(
        Object.assign<WechatMiniprogram.ChooseMediaOption, typeof callbacks>(
          { count: 1, mediaType: ['image'], sourceType: ['album', 'camera'], sizeType: ['compressed'] },
          callbacks,
        ),
      ),
    );
    return result.tempFiles[0].tempFilePath;
  }
  const result = await callWx<WechatMiniprogram.ChooseImageSuccessCallbackResult>('wx.chooseImage', (callbacks) =>
    wx.chooseImage(Object.assign<WechatMiniprogram.ChooseImageOption, typeof callbacks>({ count: 1, sizeType: ['compressed'] }, callbacks)),
  );
  return result.tempFilePaths[0];
}

/** Uploads a temp file to Authing (`/api/v2/upload`) as the signed-in user; resolves the file's URL. */
export function uploadImage(transport: Transport, filePath: string, folder: string, timeout: number): Promise<string> {
  return new Promise<string>((resolve, reject) => {
    wx.uploadFile({
      url: transport.resolve(`/api/v2/upload?folder=${encodeURIComponent(folder)}`),
      filePath,
      name: 'file',
      header: transport.headers(),
      timeout,
      success: (res) => {
        // wx.uploadFile hands back the body as a string, whatever its type.
        let body: unknown = res.data;
        try {
          body = JSON.parse(res.data);
        } catch {
          // not JSON: read below reports it as BAD_RESPONSE / HTTP_ERROR
        }
        try {
          const data = transport.read<{ url?: unknown }>({ statusCode: res.statusCode, data: body }, 'envelope', { required: true });
          if (typeof data.url !== 'string' || !data.url) {
            throw transport.fail(new AuthingError(ErrorCodes.BAD_RESPONSE, '上传成功但没有返回图片地址', body, res.statusCode));
          }
          resolve(data.url);
        } catch (error) {
          reject(error);
        }
      },
      fail: (err) => {
        // The network and the clock are named as such (the app may retry); a missing file is the
        // caller's (WX_API_ERROR); anything else is the upload's own failure. `data` keeps WeChat's failure.
        const failure = fromWxFailure('wx.uploadFile', err);
        const named = failure.code !== ErrorCodes.WX_API_ERROR || /file not found|no such file/i.test(wxErrMsg(err));
        reject(transport.fail(named ? failure : new AuthingError(ErrorCodes.UPLOAD_FAILED, `上传图片失败: ${wxErrMsg(err)}`, err)));
      },
    });
  });
}
