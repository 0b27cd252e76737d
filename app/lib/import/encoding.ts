/**
 * Which text encoding a CSV file uses, judged from its first bytes. Chinese government CSVs come
 * as UTF-8 (with or without the BOM Excel adds), as GBK/GB18030 (Excel's default "CSV" on a
 * Chinese Windows), and sometimes as UTF-16 ("Unicode text" from Excel).
 */
export type TextEncodingName = 'utf-8' | 'gb18030' | 'utf-16le' | 'utf-16be';

export interface DetectedEncoding {
  encoding: TextEncodingName;
  /** Bytes of byte-order mark to skip. */
  bomLength: number;
}

export function detectEncoding(sample: Uint8Array): DetectedEncoding {
  if (sample[0] === 0xef && sample[1] === 0xbb && sample[2] === 0xbf) return { encoding: 'utf-8', bomLength: 3 };
  if (sample[0] === 0xff && sample[1] === 0xfe) return { encoding: 'utf-16le', bomLength: 2 };
  if (sample[0] === 0xfe && sample[1] === 0xff) return { encoding: 'utf-16be', bomLength: 2 };
  try {
    // stream: true tolerates a character cut off at the end of the sample.
    new TextDecoder('utf-8', { fatal: true }).decode(sample, { stream: true });
    return { encoding: 'utf-8', bomLength: 0 };
  } catch {
    // GB18030 is a superset of GBK and GB2312, so it reads all three.
    return { encoding: 'gb18030', bomLength: 0 };
  }
}

/** Whether bytes contain NUL, which text files never do (a binary file uploaded as CSV). */
export function looksBinary(sample: Uint8Array, encoding: TextEncodingName): boolean {
  if (encoding === 'utf-16le' || encoding === 'utf-16be') return false;
  return sample.includes(0);
}
