/**
 * The photo picker: wx.chooseMedia (base library 2.10.0+) and the deprecated
 * wx.chooseImage, plus the `chooseAvatar` button, all served from one queue
 * of picks a test sets up. With nothing queued, the user picks a small PNG.
 *
 * Only images are modelled: the SDK's avatar flows never ask for video.
 */
import { readFileSync } from 'node:fs';
import { extname } from 'node:path';
import { Callbacks, deliver, failed, ok, WxFail } from './async-api';
import { makePng } from './fixture-image';
import type { TempFileStore } from './temp-files';

/** One picked file: bytes (with extension, default png) or a file on this machine. */
export type PickedFile = { data: Buffer; ext?: string } | { filePath: string };

/** What the user does at the next picker: pick files, or back out. */
export type NextPick = 'cancel' | PickedFile | PickedFile[];

export type ChosenMediaFile = Pick<WechatMiniprogram.MediaFile, 'tempFilePath' | 'size' | 'fileType'> & {
  thumbTempFilePath?: string;
};

export interface ChooseMediaSuccess {
  tempFiles: ChosenMediaFile[];
  type: 'image';
  errMsg: string;
}

export type ChooseMediaOptions = Omit<WechatMiniprogram.ChooseMediaOption, 'success' | 'fail' | 'complete'> &
  Callbacks<ChooseMediaSuccess, WxFail>;

export type ChooseImageSuccess = Pick<WechatMiniprogram.ChooseImageSuccessCallbackResult, 'tempFilePaths' | 'tempFiles' | 'errMsg'>;

export type ChooseImageOptions = Omit<WechatMiniprogram.ChooseImageOption, 'success' | 'fail' | 'complete'> &
  Callbacks<ChooseImageSuccess, WxFail>;

export class MediaPicker {
  private readonly queue: NextPick[] = [];

  constructor(private readonly files: TempFileStore) {}

  /** Queues what the user does at the next picker (chooseMedia, chooseImage or chooseAvatar). */
  setNextPick(pick: NextPick): void {
    this.queue.push(pick);
  }

  /** Takes the next pick and registers its files as temp files. */
  take(count = 1): Array<{ path: string; size: number }> | 'cancel' {
    const pick = this.queue.shift() ?? { data: makePng() };
    if (pick === 'cancel') return 'cancel';
    const list = Array.isArray(pick) ? pick : [pick];
    return list.slice(0, Math.max(1, count)).map((f) => {
      const { data, ext } = 'filePath' in f ? { data: readFileSync(f.filePath), ext: extname(f.filePath).slice(1) } : f;
      return { path: this.files.add(data, ext || 'png'), size: data.length };
    });
  }
}

export function chooseMedia(picker: MediaPicker, SDKVersion: string, options: ChooseMediaOptions = {}) {
  return deliver(SDKVersion, options, async () => {
    const picked = picker.take(options.count ?? 9);
    if (picked === 'cancel') return failed({ errMsg: 'chooseMedia:fail cancel' });
    return ok<ChooseMediaSuccess>({
      tempFiles: picked.map((f) => ({ tempFilePath: f.path, size: f.size, fileType: 'image' as const })),
      type: 'image',
      errMsg: 'chooseMedia:ok',
    });
  });
}

export function chooseImage(picker: MediaPicker, SDKVersion: string, options: ChooseImageOptions = {}) {
  return deliver(SDKVersion, options, async () => {
    const picked = picker.take(options.count ?? 9);
    if (picked === 'cancel') return failed({ errMsg: 'chooseImage:fail cancel' });
    return ok<ChooseImageSuccess>({
      tempFilePaths: picked.map((f) => f.path),
      tempFiles: picked.map((f) => ({ path: f.path, size: f.size })),
      errMsg: 'chooseImage:ok',
    });
  });
}
