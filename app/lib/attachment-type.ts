/**
 * Which attachments an entry may carry (PDF, common images, ZIP), judged by the file's first
 * bytes as well as its name: a renamed executable is not a PDF because it says so.
 */
export const ATTACHMENT_TYPES = {
  pdf: { mime: 'application/pdf', extensions: ['pdf'] },
  png: { mime: 'image/png', extensions: ['png'] },
  jpeg: { mime: 'image/jpeg', extensions: ['jpg', 'jpeg'] },
  gif: { mime: 'image/gif', extensions: ['gif'] },
  webp: { mime: 'image/webp', extensions: ['webp'] },
  zip: { mime: 'application/zip', extensions: ['zip'] },
} as const;

export type AttachmentKind = keyof typeof ATTACHMENT_TYPES;

function startsWith(head: Uint8Array, bytes: number[], offset = 0): boolean {
  return bytes.every((b, i) => head[offset + i] === b);
}

export function sniffAttachment(head: Uint8Array): AttachmentKind | null {
  if (startsWith(head, [0x25, 0x50, 0x44, 0x46, 0x2d])) return 'pdf'; // %PDF-
  if (startsWith(head, [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])) return 'png';
  if (startsWith(head, [0xff, 0xd8, 0xff])) return 'jpeg';
  if (startsWith(head, [0x47, 0x49, 0x46, 0x38])) return 'gif'; // GIF8
  if (startsWith(head, [0x52, 0x49, 0x46, 0x46]) && startsWith(head, [0x57, 0x45, 0x42, 0x50], 8)) return 'webp'; // RIFF....WEBP
  if (startsWith(head, [0x50, 0x4b, 0x03, 0x04]) || startsWith(head, [0x50, 0x4b, 0x05, 0x06])) return 'zip';
  return null;
}

export type AttachmentCheck = { ok: true; kind: AttachmentKind; mime: string } | { ok: false; problem: 'unsupported' | 'mismatch' };

/** The file is accepted only when its content is an allowed type and its name says the same. */
export function checkAttachment(filename: string, head: Uint8Array): AttachmentCheck {
  const extension = filename.includes('.') ? filename.slice(filename.lastIndexOf('.') + 1).toLowerCase() : '';
  const named = (Object.keys(ATTACHMENT_TYPES) as AttachmentKind[]).find((kind) => (ATTACHMENT_TYPES[kind].extensions as readonly string[]).includes(extension));
  const sniffed = sniffAttachment(head);
  if (!named || !sniffed) return { ok: false, problem: 'unsupported' };
  if (named !== sniffed) return { ok: false, problem: 'mismatch' };
  return { ok: true, kind: sniffed, mime: ATTACHMENT_TYPES[sniffed].mime };
}
