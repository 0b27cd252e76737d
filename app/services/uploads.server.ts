/**
 * Uploaded files: streamed to disk under a generated name (never the user's), size-capped while
 * they arrive, hashed, and kept outside public/. The original name is only ever metadata. A file
 * is written as `<key>.part` and renamed to its key once complete, so a file under a storage key is
 * always whole: a crash or a second process on the same DATA_DIR never sees half of one.
 */
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { pipeline } from 'node:stream/promises';
import { Readable, Transform } from 'node:stream';
import { unstable_parseMultipartFormData, type UploadHandler } from '@remix-run/node';
import { config } from '~/config.server';

const STORAGE_KEY = /^[a-f0-9]{32}$/;
/** A file still being written (or left by a crash while it was). */
const PARTIAL = /^[a-f0-9]{32}\.part$/;
/** Form fields beside the file (names, descriptions) are small, and few. */
const MAX_FIELD_BYTES = 64 * 1024;
const MAX_FIELDS = 50;
const MAX_TOTAL_FIELD_BYTES = 256 * 1024;

export function maxUploadBytes(): number {
  return config().maxUploadBytes;
}

/** Entry attachments (PDFs, images, ZIPs) have their own, smaller limit. */
export function maxAttachmentBytes(): number {
  return config().maxAttachmentBytes;
}

/** The first bytes of a stored file, to check what it really is. */
export function readUploadHead(storageKey: string, bytes = 4096): Uint8Array {
  const handle = fs.openSync(uploadPath(storageKey), 'r');
  try {
    const buffer = Buffer.alloc(bytes);
    return buffer.subarray(0, fs.readSync(handle, buffer, 0, bytes, 0));
  } finally {
    fs.closeSync(handle);
  }
}

export function uploadsDir(): string {
  return path.join(config().dataDir, 'uploads');
}

export function uploadPath(storageKey: string): string {
  if (!STORAGE_KEY.test(storageKey)) throw new Error('invalid storage key');
  return path.join(uploadsDir(), storageKey);
}

export function deleteUpload(storageKey: string | null | undefined): void {
  if (!storageKey || !STORAGE_KEY.test(storageKey)) return;
  fs.rmSync(uploadPath(storageKey), { force: true });
}

/**
 * A stored file younger than this is never swept, even when no row refers to it yet: the row of
 * an upload in progress (an attachment being checked, an import being queued, a second process on
 * the same DATA_DIR) is written only after its file.
 */
export const SWEEP_GRACE_MS = 24 * 60 * 60 * 1000;

/**
 * Removes stored files that no row refers to and that are older than the grace period (left by a
 * crash or a refused request), and partial files as old (an upload cut off by a crash); returns
 * the names it removed. Anything else is kept.
 */
export async function sweepOrphanUploads(isReferenced: (storageKey: string) => boolean | Promise<boolean>, options: { now?: Date; graceMs?: number } = {}): Promise<string[]> {
  const cutoff = (options.now ?? new Date()).getTime() - (options.graceMs ?? SWEEP_GRACE_MS);
  const removed: string[] = [];
  let names: string[];
  try {
    names = fs.readdirSync(uploadsDir());
  } catch {
    return removed;
  }
  for (const name of names) {
    const partial = PARTIAL.test(name);
    if (!partial && !STORAGE_KEY.test(name)) continue;
    const file = path.join(uploadsDir(), name);
    let modified: number;
    try {
      modified = fs.statSync(file).mtimeMs;
    } catch {
      continue; // removed meanwhile
    }
    // No row refers to a partial file: it has no key yet.
    if (modified > cutoff || (!partial && (await isReferenced(name)))) continue;

    fs.rmSync(file, { force: true });
    removed.push(name);
  }
  return removed;
}

/** Whether a stored file is on disk (a download checks before it promises a body). */
export function uploadExists(storageKey: string): boolean {
  try {
    return fs.statSync(uploadPath(storageKey)).isFile();
  } catch {
    return false;
  }
}

export interface StoredUpload {
  storageKey: string;
  originalFilename: string;
  contentType: string;
  byteSize: number;
  sha256: string;
}

/** A form with more or larger text fields than any of ours has. */
export class FormTooLargeError extends Error {
  constructor() {
    super('form fields too large');
    this.name = 'FormTooLargeError';
  }
}

export class UploadTooLargeError extends Error {
  constructor(readonly limitBytes: number) {
    super(`upload larger than ${limitBytes} bytes`);
    this.name = 'UploadTooLargeError';
  }
}

/**
 * A multipart part header the form parser cannot read: a file name with `;` or `"` in it (the
 * parser splits the header on `;`, quotes or not). The person renames the file and tries again.
 */
export class MalformedUploadError extends Error {
  constructor() {
    super('malformed multipart part header');
    this.name = 'MalformedUploadError';
  }
}

/** The file's name as the browser sent it, without any directory part. */
export function cleanFilename(name: string | undefined): string {
  const base = (name ?? '').split(/[\\/]/).pop() ?? '';
  return base.replace(/[\u0000-\u001f]/g, '').trim().slice(0, 255) || 'upload';
}

/** Copies a byte stream to a new stored file, refusing it once it exceeds the limit. */
export async function storeStream(source: AsyncIterable<Uint8Array> | Iterable<Uint8Array>, meta: { filename: string; contentType: string }, maxBytes: number): Promise<StoredUpload> {
  fs.mkdirSync(uploadsDir(), { recursive: true });
  const storageKey = crypto.randomBytes(16).toString('hex');
  const target = uploadPath(storageKey);
  const partial = `${target}.part`;
  const hash = crypto.createHash('sha256');
  let byteSize = 0;
  const meter = new Transform({
    transform(chunk: Buffer, _encoding, callback) {
      byteSize += chunk.length;
      if (byteSize > maxBytes) {
        callback(new UploadTooLargeError(maxBytes));
        return;
      }
      hash.update(chunk);
      callback(null, chunk);
    },
  });
  try {
    await pipeline(Readable.from(source), meter, fs.createWriteStream(partial, { mode: 0o600 }));
    fs.renameSync(partial, target);
  } catch (error) {
    fs.rmSync(partial, { force: true });
    throw error;
  }
  return { storageKey, originalFilename: cleanFilename(meta.filename), contentType: meta.contentType, byteSize, sha256: hash.digest('hex') };
}

/**
 * Reads a multipart form with one file field. The file goes straight to disk; other fields are
 * returned as text. A body announced as larger than the limit is refused before it is read.
 */
export async function receiveUpload(request: Request, fileField: string, maxBytes = maxUploadBytes()): Promise<{ fields: FormData; upload: StoredUpload | null }> {
  const announced = Number(request.headers.get('Content-Length'));
  if (Number.isFinite(announced) && announced > maxBytes + MAX_FIELD_BYTES * 8) throw new UploadTooLargeError(maxBytes);

  const received: { upload: StoredUpload | null } = { upload: null };
  let fieldCount = 0;
  let fieldBytes = 0;
  const decoder = new TextDecoder();
  const handler: UploadHandler = async (part) => {
    if (part.filename === undefined) {
      fieldCount += 1;
      if (fieldCount > MAX_FIELDS) throw new FormTooLargeError();
      let value = '';
      let size = 0;
      for await (const chunk of part.data) {
        size += chunk.length;
        fieldBytes += chunk.length;
        if (size > MAX_FIELD_BYTES || fieldBytes > MAX_TOTAL_FIELD_BYTES) throw new FormTooLargeError();
        value += decoder.decode(chunk, { stream: true });
      }
      return value + decoder.decode();
    }
    // Other file fields, a second file, or an empty file input: read past them.
    if (part.name !== fileField || part.filename === '' || received.upload) {
      for await (const chunk of part.data) void chunk;
      return undefined;
    }
    received.upload = await storeStream(part.data, { filename: part.filename, contentType: part.contentType }, maxBytes);
    return received.upload.storageKey;
  };
  try {
    const fields = await unstable_parseMultipartFormData(request, handler);
    return { fields, upload: received.upload };
  } catch (error) {
    // A form that fails after its file was stored must not leave the file behind.
    deleteUpload(received.upload?.storageKey);
    if (error instanceof Error && /^malformed content-disposition header/.test(error.message)) throw new MalformedUploadError();
    throw error;
  }
}

/** A request body as text, refusing bodies larger than the limit (chunked ones included). */
export async function readLimitedText(request: Request, maxBytes: number): Promise<string> {
  const announced = Number(request.headers.get('Content-Length'));
  if (Number.isFinite(announced) && announced > maxBytes) throw new FormTooLargeError();
  if (!request.body) return '';
  const decoder = new TextDecoder();
  let text = '';
  let size = 0;
  for await (const chunk of request.body as unknown as AsyncIterable<Uint8Array>) {
    size += chunk.length;
    if (size > maxBytes) throw new FormTooLargeError();
    text += decoder.decode(chunk, { stream: true });
  }
  return text + decoder.decode();
}
