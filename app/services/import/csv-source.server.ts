/** Reads a CSV file of any common encoding and delimiter as a stream of records. */
import fs from 'node:fs';
import { CsvParser, CsvSyntaxError, type CsvRecord } from '~/lib/import/csv-parser';
import { detectDelimiter } from '~/lib/import/delimiter';
import { detectEncoding, looksBinary } from '~/lib/import/encoding';
import { ImportError } from './errors.server';
import type { ProgressListener, SourceRecord, TableSource } from './source.server';

const SAMPLE_BYTES = 64 * 1024;
const CHUNK_BYTES = 256 * 1024;

function readSample(path: string): Buffer {
  const handle = fs.openSync(path, 'r');
  try {
    const buffer = Buffer.alloc(SAMPLE_BYTES);
    const read = fs.readSync(handle, buffer, 0, SAMPLE_BYTES, 0);
    return buffer.subarray(0, read);
  } finally {
    fs.closeSync(handle);
  }
}

export async function openCsv(path: string, onProgress: ProgressListener): Promise<TableSource> {
  const sample = readSample(path);
  if (sample.length === 0) throw new ImportError('emptyFile');
  const detected = detectEncoding(sample);
  const { bomLength } = detected;
  let encoding = detected.encoding;
  // A GBK file can start with a long stretch of ASCII (codes, numbers) that is also valid UTF-8.
  // Until a non-ASCII byte has been read as UTF-8, a failure means "this was GBK all along".
  let mayStillBeGbk = encoding === 'utf-8' && bomLength === 0 && !sample.some((byte) => byte >= 0x80);
  if (looksBinary(sample, encoding)) throw new ImportError('binaryText');
  const sampleText = new TextDecoder(encoding).decode(sample.subarray(bomLength));
  const delimiter = detectDelimiter(sampleText);

  const parser = new CsvParser({ delimiter });
  let decoder = new TextDecoder(encoding, { fatal: true });
  let linesSoFar = 1;

  /** Line of the first undecodable byte in a chunk that failed to decode. */
  function undecodable(chunk: Buffer): ImportError {
    const lenient = new TextDecoder(encoding).decode(chunk);
    const bad = lenient.indexOf('\uFFFD');
    const before = bad === -1 ? lenient : lenient.slice(0, bad);
    return decodeError(linesSoFar + (before.match(/\n/g)?.length ?? 0));
  }

  /**
   * A UTF-8 file with a bad byte is damaged or mixes encodings ("save it as UTF-8" would be no
   * help: it is UTF-8 already); a file read as GB18030 is told to be saved as UTF-8.
   */
  function decodeError(line: number): ImportError {
    return encoding === 'utf-8' ? new ImportError('undecodableUtf8', { line }) : new ImportError('undecodable', { line, encoding: encoding.toUpperCase() });
  }

  const stream = fs.createReadStream(path, { start: bomLength, highWaterMark: CHUNK_BYTES });
  async function* chunks(): AsyncGenerator<CsvRecord[]> {
    let bytesRead = bomLength;
    try {
      for await (const chunk of stream as AsyncIterable<Buffer>) {
        bytesRead += chunk.length;
        let text: string;
        try {
          text = decoder.decode(chunk, { stream: true });
          if (mayStillBeGbk && chunk.some((byte) => byte >= 0x80)) mayStillBeGbk = false;
        } catch {
          if (!mayStillBeGbk) throw undecodable(chunk);
          // Everything before this chunk was ASCII, which reads the same in GB18030.
          encoding = 'gb18030';
          mayStillBeGbk = false;
          decoder = new TextDecoder(encoding, { fatal: true });
          try {
            text = decoder.decode(chunk, { stream: true });
          } catch {
            throw undecodable(chunk);
          }
        }
        linesSoFar += text.match(/\n/g)?.length ?? 0;
        const parsed = parse(() => parser.push(text));
        onProgress(bytesRead);
        if (parsed.length > 0) yield parsed;
      }
      let tail: string;
      try {
        tail = decoder.decode();
      } catch {
        throw decodeError(linesSoFar);
      }
      const last = parse(() => [...parser.push(tail), ...parser.end()]);
      if (last.length > 0) yield last;
    } finally {
      stream.destroy();
    }
  }

  // Blank lines carry nothing; skip them wherever they are.
  const isBlank = (record: CsvRecord) => record.fields.length === 1 && record.fields[0]?.trim() === '';
  const iterator = chunks();
  let header: string[] | undefined;
  let pending: CsvRecord[] = [];
  try {
    while (!header) {
      const next = await iterator.next();
      if (next.done) throw new ImportError('emptyFile');
      const records = next.value.filter((r) => !isBlank(r));
      if (records.length === 0) continue;
      header = records[0]?.fields;
      pending = records.slice(1);
    }
  } catch (error) {
    stream.destroy();
    throw error;
  }

  async function* batches(): AsyncGenerator<SourceRecord[]> {
    const toSource = (records: CsvRecord[]) => records.filter((r) => !isBlank(r)).map((r) => ({ position: r.line, cells: r.fields }));
    if (pending.length > 0) yield toSource(pending);
    for await (const records of { [Symbol.asyncIterator]: () => iterator }) yield toSource(records);
  }
  return {
    header,
    batches: batches(),
    positionUnit: 'line',
    // Read after the import: the encoding may have been corrected on the way.
    get encoding() {
      return encoding;
    },
    delimiter,
    close: () => stream.destroy(),
  };
}

function parse(step: () => CsvRecord[]): CsvRecord[] {
  try {
    return step();
  } catch (error) {
    throw error instanceof CsvSyntaxError ? new ImportError(error.kind, { line: error.line }) : error;
  }
}
