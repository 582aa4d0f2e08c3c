/**
 * Uploaded images: received to a partial file that never outlives its request, accepted only when
 * they parse as the image their first bytes claim, and served so a browser can only show them as one.
 *
 * "Is it an image" means: the signature names png, jpg, gif or webp, and image-size parses that
 * format's header structure to positive dimensions of the same type (a PNG signature followed by HTML
 * fails there). Bytes after a valid header (a polyglot) cannot be ruled out without decoding every
 * pixel, so serving is what makes them inert: the stored type, `nosniff` (no browser second-guesses
 * it), and a CSP sandbox (a document opened from the URL runs no script and has no origin).
 */
import type { MultipartFile } from '@fastify/multipart';
import { createWriteStream, readdirSync, unlinkSync } from 'node:fs';
import { mkdir, open, rename, stat, unlink } from 'node:fs/promises';
import { join } from 'node:path';
import { pipeline } from 'node:stream/promises';
import { imageSize } from 'image-size';
import { AuthingCodes, AuthingError } from '../errors';
import { randomCode } from '../crypto/ids';
import { isProcessRunning } from '../process-alive';

interface ImageKind {
  ext: 'png' | 'jpg' | 'gif' | 'webp';
  mime: string;
  test: (b: Buffer) => boolean;
}

/** Image types the upload accepts, recognised by their first bytes rather than the client's say-so. */
const IMAGE_SIGNATURES: ImageKind[] = [
  { ext: 'png', mime: 'image/png', test: (b) => b.subarray(0, 8).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])) },
  { ext: 'jpg', mime: 'image/jpeg', test: (b) => b[0] === 0xff && b[1] === 0xd8 && b[2] === 0xff },
  { ext: 'gif', mime: 'image/gif', test: (b) => b.subarray(0, 4).toString('latin1') === 'GIF8' },
  {
    ext: 'webp',
    mime: 'image/webp',
    test: (b) => b.subarray(0, 4).toString('latin1') === 'RIFF' && b.subarray(8, 12).toString('latin1') === 'WEBP',
  },
];

/** How much of a file image-size reads: enough to reach a JPEG's frame header past its EXIF block. */
const HEADER_BYTES = 512 * 1024;

/** Partial files carry the pid of the emulator writing them, so a restart removes only a dead one's. */
const PART = /^[0-9a-f]+\.(\d+)\.part$/;

export interface StoredImage {
  id: string;
  name: string;
  mime: string;
  size: number;
}

async function readHead(path: string): Promise<Buffer> {
  const handle = await open(path, 'r');
  try {
    const head = Buffer.alloc(HEADER_BYTES);
    const { bytesRead } = await handle.read(head, 0, HEADER_BYTES, 0);
    return head.subarray(0, bytesRead);
  } finally {
    await handle.close();
  }
}

function imageKind(head: Buffer): ImageKind | undefined {
  const kind = IMAGE_SIGNATURES.find((s) => s.test(head));
  if (!kind) return undefined;
  try {
    const size = imageSize(head);
    return size.type === kind.ext && size.width > 0 && size.height > 0 ? kind : undefined;
  } catch {
    return undefined;
  }
}

async function removeQuietly(path: string): Promise<void> {
  await unlink(path).catch((error: NodeJS.ErrnoException) => {
    if (error.code !== 'ENOENT') throw error;
  });
}

/**
 * Streams the upload to `<id>.<pid>.part`, checks it, and renames it to its final name. The partial
 * file is removed on every other way out: not an image, too large, the client aborting, or the
 * request timing out mid-body.
 */
export async function storeImage(dir: string, file: MultipartFile): Promise<StoredImage> {
  // The stored name is ours alone: nothing the client sends (filename, folder) reaches the file system path.
  const id = randomCode(12);
  await mkdir(dir, { recursive: true });
  const partial = join(dir, `${id}.${process.pid}.part`);
  try {
    await pipeline(file.file, createWriteStream(partial));
    if (file.file.truncated) throw new AuthingError(AuthingCodes.payloadTooLarge, '文件过大', 413);
    const head = await readHead(partial);
    const kind = imageKind(head);
    if (!kind) throw new AuthingError(AuthingCodes.badRequest, '只支持 png、jpg、gif、webp 图片', 400);
    const name = `${id}.${kind.ext}`;
    const { size } = await stat(partial);
    await rename(partial, join(dir, name));
    return { id, name, mime: kind.mime, size };
  } finally {
    await removeQuietly(partial);
  }
}

/** Removes partial files left by an emulator process that no longer runs (killed mid-upload); run at start. */
export function removeOrphanParts(dir: string): void {
  let names: string[];
  try {
    names = readdirSync(dir);
  } catch {
    return; // no upload folder yet
  }
  for (const name of names) {
    const match = PART.exec(name);
    if (!match || isProcessRunning(Number(match[1]))) continue;
    try {
      unlinkSync(join(dir, name));
    } catch {
      // another emulator on the same folder removed it first
    }
  }
}

/** Headers that keep a served upload an image whatever bytes follow its header. */
export function imageHeaders(name: string): Record<string, string> {
  return {
    'x-content-type-options': 'nosniff',
    'content-security-policy': "default-src 'none'; sandbox",
    'content-disposition': `inline; filename="${name}"`,
  };
}
