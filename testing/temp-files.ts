/**
 * The temp files a mini program can hold: what chooseMedia / chooseImage /
 * the chooseAvatar button hand out, and what wx.uploadFile can read back.
 *
 * Paths look like WeChat DevTools' (`http://tmp/<random>.<ext>`). The store
 * lives with one wx instance: a relaunch (a new createWx) starts empty, as
 * temp files do not survive on a phone either.
 */
import { randomBytes } from 'node:crypto';
import { existsSync, readFileSync, statSync } from 'node:fs';
import { extname } from 'node:path';

export interface TempFile {
  path: string;
  data: Buffer;
  mimeType: string;
}

const MIME_BY_EXT: Record<string, string> = {
  png: 'image/png',
  jpg: 'image/jpeg',
  jpeg: 'image/jpeg',
  gif: 'image/gif',
  webp: 'image/webp',
  txt: 'text/plain',
  json: 'application/json',
};

export function mimeTypeOf(path: string): string {
  return MIME_BY_EXT[extname(path).slice(1).toLowerCase()] ?? 'application/octet-stream';
}

export class TempFileStore {
  private readonly files = new Map<string, TempFile>();

  /** Registers bytes as a new temp file and returns its WeChat-style path. */
  add(data: Buffer, ext = 'png'): string {
    const path = `http://tmp/${randomBytes(16).toString('hex')}.${ext.replace(/^\./, '')}`;
    this.files.set(path, { path, data: Buffer.from(data), mimeType: mimeTypeOf(path) });
    return path;
  }

  has(path: string): boolean {
    return this.files.has(path);
  }

  /**
   * The bytes behind a path the app may upload: a temp path this store handed
   * out, or a real file on this machine (tests often point at fixtures).
   */
  read(path: string): TempFile | undefined {
    const temp = this.files.get(path);
    if (temp) return temp;
    if (isLocalFile(path)) return { path, data: readFileSync(path), mimeType: mimeTypeOf(path) };
    return undefined;
  }

  paths(): string[] {
    return [...this.files.keys()];
  }
}

function isLocalFile(path: string): boolean {
  if (/^[a-z]+:\/\//i.test(path)) return false;
  try {
    return existsSync(path) && statSync(path).isFile();
  } catch {
    return false;
  }
}
