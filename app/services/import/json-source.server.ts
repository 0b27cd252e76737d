/**
 * Reads a JSON array of objects as a stream of records (stream-json), so a large file never has
 * to fit in memory. The first object's keys are the columns; later objects may leave keys out
 * (empty cells) but not add new ones.
 */
import fs from 'node:fs';
// CommonJS packages: default imports work both under Node's ESM loader and in the Vite build.
import StreamChain from 'stream-chain';
import StreamJson from 'stream-json';
import StreamArray from 'stream-json/streamers/StreamArray.js';
import { ImportError } from './errors.server';
import type { ProgressListener, SourceRecord, TableSource } from './source.server';

const BATCH = 2000;

/** Nesting a cell may have; a table cell nested deeper than this is not tabular data. */
export const MAX_CELL_NESTING = 64;

function nestingOf(value: unknown, limit: number): number {
  // Iterative: a value nested a million levels deep must not overflow the stack while measured.
  let deepest = 0;
  const stack: [unknown, number][] = [[value, 1]];
  while (stack.length > 0) {
    const [current, depth] = stack.pop() as [unknown, number];
    if (current === null || typeof current !== 'object') continue;
    deepest = Math.max(deepest, depth);
    if (deepest > limit) return deepest;
    for (const child of Object.values(current)) stack.push([child, depth + 1]);
  }
  return deepest;
}

function jsonCell(value: unknown, position: number, key: string): string | null {
  if (value === null || value === undefined) return null;
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  if (nestingOf(value, MAX_CELL_NESTING) > MAX_CELL_NESTING) throw new ImportError('jsonTooDeep', { item: position, key, limit: MAX_CELL_NESTING });
  // Nested objects and arrays are kept as their JSON text.
  return JSON.stringify(value);
}

function firstSignificantByte(path: string): number | undefined {
  const handle = fs.openSync(path, 'r');
  try {
    const buffer = Buffer.alloc(4096);
    const read = fs.readSync(handle, buffer, 0, buffer.length, 0);
    let i = 0;
    if (buffer[0] === 0xef && buffer[1] === 0xbb && buffer[2] === 0xbf) i = 3;
    while (i < read && [0x20, 0x09, 0x0a, 0x0d].includes(buffer[i] ?? 0)) i += 1;
    return i < read ? buffer[i] : undefined;
  } finally {
    fs.closeSync(handle);
  }
}

export async function openJson(path: string, onProgress: ProgressListener): Promise<TableSource> {
  const first = firstSignificantByte(path);
  if (first === undefined) throw new ImportError('emptyFile');
  if (first !== 0x5b /* [ */) throw new ImportError('jsonNotArray');

  const file = fs.createReadStream(path, { highWaterMark: 256 * 1024 });
  let bytesRead = 0;
  let lines = 1;
  file.on('data', (chunk: Buffer | string) => {
    bytesRead += chunk.length;
    for (let i = (chunk as Buffer).indexOf(10); i !== -1; i = (chunk as Buffer).indexOf(10, i + 1)) lines += 1;
    onProgress(bytesRead);
  });
  // Numbers arrive as their text, so a 19-digit id is not rounded to the nearest double.
  const pipeline = StreamChain.chain([file, StreamJson.parser(), StreamArray.streamArray({ numberAsString: true } as Parameters<typeof StreamArray.streamArray>[0])]);
  const close = () => {
    file.destroy();
    pipeline.destroy();
  };

  const items = (async function* () {
    try {
      for await (const item of pipeline as AsyncIterable<{ key: number; value: unknown }>) yield item;
    } catch (error) {
      if (error instanceof ImportError) throw error;
      // The parser reports no position; the line reached so far is close to the fault.
      throw new ImportError('jsonMalformed', { line: lines });
    } finally {
      file.destroy();
      pipeline.destroy();
    }
  })();

  let firstItem: IteratorResult<{ key: number; value: unknown }>;
  try {
    firstItem = await items.next();
  } catch (error) {
    close();
    throw error;
  }
  if (firstItem.done) {
    close();
    throw new ImportError('noRows');
  }
  const head = firstItem.value.value;
  if (head === null || typeof head !== 'object' || Array.isArray(head)) {
    close();
    throw new ImportError('jsonNotObject', { item: 1 });
  }
  const header = Object.keys(head);
  const index = new Map(header.map((key, i) => [key, i]));

  const toRecord = (value: unknown, position: number): SourceRecord => {
    if (value === null || typeof value !== 'object' || Array.isArray(value)) throw new ImportError('jsonNotObject', { item: position });
    const cells: (string | null)[] = new Array(header.length).fill(null);
    for (const [key, cell] of Object.entries(value)) {
      const at = index.get(key);
      if (at === undefined) throw new ImportError('jsonUnknownKey', { item: position, key });
      cells[at] = jsonCell(cell, position, key);
    }
    return { position, cells };
  };

  async function* batches(): AsyncGenerator<SourceRecord[]> {
    let batch: SourceRecord[] = [toRecord(head, 1)];
    for await (const item of { [Symbol.asyncIterator]: () => items }) {
      batch.push(toRecord(item.value, item.key + 1));
      if (batch.length >= BATCH) {
        yield batch;
        batch = [];
      }
    }
    if (batch.length > 0) yield batch;
  }
  return { header, batches: batches(), positionUnit: 'item', close };
}
