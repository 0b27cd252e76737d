/**
 * What a zip archive (an XLSX workbook is one) says it expands to, read from its central directory
 * before anything is decompressed: a 17 MB workbook that expands to gigabytes is refused at once
 * with a message, instead of filling the import thread's memory first.
 */

export interface ZipExpansion {
  entries: number;
  compressedBytes: number;
  /** Infinity when an entry's size needs ZIP64 (4 GB or more): far past any limit here. */
  uncompressedBytes: number;
}

const END_OF_DIRECTORY = 0x06054b50;
const DIRECTORY_ENTRY = 0x02014b50;
const ZIP64_MARK = 0xffffffff;

/**
 * `read(offset, length)` returns bytes of the file; `size` is its length. Null when the file has
 * no readable central directory (not a zip, or truncated).
 */
export function zipExpansion(size: number, read: (offset: number, length: number) => Uint8Array): ZipExpansion | null {
  const tailLength = Math.min(size, 22 + 65_535);
  const tail = Buffer.from(read(size - tailLength, tailLength));
  let end = -1;
  for (let i = tail.length - 22; i >= 0; i -= 1) {
    if (tail.readUInt32LE(i) === END_OF_DIRECTORY) {
      end = i;
      break;
    }
  }
  if (end < 0) return null;
  const count = tail.readUInt16LE(end + 10);
  const directorySize = tail.readUInt32LE(end + 12);
  const directoryOffset = tail.readUInt32LE(end + 16);
  if (directoryOffset === ZIP64_MARK || directorySize === ZIP64_MARK) return { entries: count, compressedBytes: size, uncompressedBytes: Infinity };
  // A workbook's directory is a few kilobytes; one claiming more than 16 MB is not a workbook.
  if (directoryOffset + directorySize > size || directorySize > 16 * 1024 * 1024) return null;
  const directory = Buffer.from(read(directoryOffset, directorySize));
  let position = 0;
  let compressedBytes = 0;
  let uncompressedBytes = 0;
  let entries = 0;
  while (position + 46 <= directory.length && directory.readUInt32LE(position) === DIRECTORY_ENTRY) {
    const compressed = directory.readUInt32LE(position + 20);
    const uncompressed = directory.readUInt32LE(position + 24);
    compressedBytes += compressed;
    uncompressedBytes += uncompressed === ZIP64_MARK || compressed === ZIP64_MARK ? Infinity : uncompressed;
    entries += 1;
    position += 46 + directory.readUInt16LE(position + 28) + directory.readUInt16LE(position + 30) + directory.readUInt16LE(position + 32);
  }
  return entries === 0 && count > 0 ? null : { entries, compressedBytes, uncompressedBytes };
}

/** Workbooks may expand to this much in all; real ones with a million rows stay well below. */
export const MAX_EXPANDED_BYTES = 2 * 1024 ** 3;
/** Past this size, a ratio above MAX_RATIO is a bomb, not a spreadsheet. */
const RATIO_CHECKED_FROM = 256 * 1024 ** 2;
const MAX_RATIO = 200;

export function isZipBomb(expansion: ZipExpansion): boolean {
  if (expansion.uncompressedBytes > MAX_EXPANDED_BYTES) return true;
  return expansion.uncompressedBytes > RATIO_CHECKED_FROM && expansion.uncompressedBytes > MAX_RATIO * Math.max(1, expansion.compressedBytes);
}
