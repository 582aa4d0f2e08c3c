/**
 * wx.uploadFile: a multipart/form-data POST of one temp file plus formData.
 *
 * `res.data` is always the response text, never parsed (apps JSON.parse it
 * themselves); `success` fires for every HTTP status. An unknown filePath fails
 * with "uploadFile:fail file not found" (the text WeChat's clients give for a
 * recycled temp file). No promise form: the call returns an UploadTask.
 */
import { randomBytes } from 'node:crypto';
import { basename } from 'node:path';
import { Callbacks, WxFail } from './async-api';
import { startExchange } from './http-exchange';
import { taskLife, taskListeners } from './network-task';
import { buildHeaders, DEFAULT_TIMEOUT_MS, HeadersReceivedListener, NetworkContext, runNetworkTask } from './request';
import type { TempFile, TempFileStore } from './temp-files';

export type UploadSuccess = Pick<WechatMiniprogram.UploadFileSuccessCallbackResult, 'data' | 'statusCode' | 'errMsg'>;

export type UploadOptions = Omit<WechatMiniprogram.UploadFileOption, 'success' | 'fail' | 'complete'> & Callbacks<UploadSuccess, WxFail>;

export type ProgressListener = (result: WechatMiniprogram.UploadTaskOnProgressUpdateListenerResult) => void;

export interface UploadTask {
  abort(): void;
  onProgressUpdate(listener: ProgressListener): void;
  offProgressUpdate(listener?: ProgressListener): void;
  onHeadersReceived(listener: HeadersReceivedListener): void;
  offHeadersReceived(listener?: HeadersReceivedListener): void;
}

export interface MultipartBody {
  contentType: string;
  body: Buffer;
}

/** The form the client sends: text fields first, then the file part. */
export function buildMultipart(fields: WechatMiniprogram.IAnyObject | undefined, fileField: string, file: TempFile): MultipartBody {
  const boundary = `----WeChatFormBoundary${randomBytes(12).toString('hex')}`;
  const parts: Buffer[] = [];
  for (const [name, value] of Object.entries(fields ?? {})) {
    if (value === undefined) continue;
    const text = value !== null && typeof value === 'object' ? JSON.stringify(value) : String(value);
    parts.push(Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${escapeQuotes(name)}"\r\n\r\n${text}\r\n`));
  }
  parts.push(
    Buffer.from(
      `--${boundary}\r\nContent-Disposition: form-data; name="${escapeQuotes(fileField)}"; ` +
        `filename="${escapeQuotes(basename(file.path))}"\r\nContent-Type: ${file.mimeType}\r\n\r\n`,
    ),
    file.data,
    Buffer.from(`\r\n--${boundary}--\r\n`),
  );
  return { contentType: `multipart/form-data; boundary=${boundary}`, body: Buffer.concat(parts) };
}

function escapeQuotes(s: string): string {
  return s.replace(/"/g, '%22').replace(/\r|\n/g, ' ');
}

export function uploadFile(ctx: NetworkContext, files: TempFileStore, options: UploadOptions): UploadTask {
  ctx.counters.uploads.push({ url: options.url, filePath: options.filePath, name: options.name });
  const progressListeners = taskListeners<ProgressListener>();
  const headerListeners = taskListeners<HeadersReceivedListener>();
  const life = taskLife<UploadSuccess>(options);
  let file: TempFile | undefined;
  runNetworkTask('uploadFile', ctx, life, options.url, {
    // Read when the upload starts, as WeChat does: a temp file recycled before then is "not found".
    refuse: () => {
      file = files.read(options.filePath);
      return file ? undefined : 'file not found';
    },
    start: (target) => {
      // refuse() found the file before start() runs.
      const form = buildMultipart(options.formData, options.name, file as TempFile);
      const header = buildHeaders(options.header, ctx.referer);
      // The client owns the content-type: it must carry its own boundary.
      for (const k of Object.keys(header)) if (k.toLowerCase() === 'content-type') delete header[k];
      header['content-type'] = form.contentType;
      return startExchange({
        url: target,
        method: 'POST',
        headers: header,
        body: form.body,
        timeoutMs: options.timeout ?? DEFAULT_TIMEOUT_MS,
        onHeaders: (h) => headerListeners.each((l) => l(h)),
        onBodyProgress: (sent, total) =>
          progressListeners.each((l) =>
            l({ progress: Math.floor((sent / total) * 100), totalBytesSent: sent, totalBytesExpectedToSend: total }),
          ),
      });
    },
    success: (res) => ({ data: res.body.toString('utf8'), statusCode: res.statusCode, errMsg: 'uploadFile:ok' }),
  });

  return {
    abort: life.abort,
    onProgressUpdate: progressListeners.on,
    offProgressUpdate: progressListeners.off,
    onHeadersReceived: headerListeners.on,
    offHeadersReceived: headerListeners.off,
  };
}
