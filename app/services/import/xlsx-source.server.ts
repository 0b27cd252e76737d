/**
 * Reads the first worksheet of an XLSX workbook as a stream of rows (ExcelJS's streaming reader),
 * turning Excel's cell values into the text a person sees in the cell.
 */
import fs from 'node:fs';
import ExcelJS from 'exceljs';
import { isZipBomb, MAX_EXPANDED_BYTES, zipExpansion } from '~/lib/import/zip-directory';
import { ImportError } from './errors.server';
import type { ProgressListener, SourceRecord, TableSource } from './source.server';

const BATCH = 2000;

function pad(n: number): string {
  return String(n).padStart(2, '0');
}

/** Excel dates arrive as Date objects whose UTC fields hold the wall-clock value. */
function formatExcelDate(date: Date): string {
  const day = `${date.getUTCFullYear()}-${pad(date.getUTCMonth() + 1)}-${pad(date.getUTCDate())}`;
  const h = date.getUTCHours();
  const m = date.getUTCMinutes();
  const s = date.getUTCSeconds();
  return h || m || s ? `${day} ${pad(h)}:${pad(m)}:${pad(s)}` : day;
}

export function cellText(value: unknown): string | null {
  if (value === null || value === undefined) return null;
  if (typeof value === 'string') return value;
  if (typeof value === 'number') return Number.isFinite(value) ? String(value) : null;
  if (typeof value === 'boolean') return value ? 'true' : 'false';
  if (value instanceof Date) return Number.isNaN(value.getTime()) ? null : formatExcelDate(value);
  if (typeof value === 'object') {
    const v = value as { richText?: { text: string }[]; text?: unknown; result?: unknown; error?: unknown; formula?: unknown };
    if (Array.isArray(v.richText)) return v.richText.map((part) => part.text).join('');
    if ('result' in v || 'formula' in v) return cellText(v.result);
    if (v.error !== undefined) return null;
    if (v.text !== undefined) return cellText(v.text);
  }
  return String(value);
}

function rowCells(values: unknown): (string | null)[] {
  // ExcelJS row values are 1-based and sparse.
  const list = Array.isArray(values) ? values.slice(1) : [];
  return Array.from(list, (value) => cellText(value));
}

/**
 * What the workbook's zip directory says it expands to. A truncated workbook has no directory,
 * and ExcelJS's streaming reader would wait for the missing bytes forever; a "zip bomb" would
 * fill the import thread's memory before failing.
 */
function checkExpansion(path: string): void {
  const size = fs.statSync(path).size;
  const handle = fs.openSync(path, 'r');
  try {
    const expansion = zipExpansion(size, (offset, length) => {
      const buffer = Buffer.alloc(length);
      fs.readSync(handle, buffer, 0, length, offset);
      return buffer;
    });
    if (!expansion) throw new ImportError('xlsxUnreadable');
    if (isZipBomb(expansion)) {
      const expandedMb = Number.isFinite(expansion.uncompressedBytes) ? Math.round(expansion.uncompressedBytes / 1024 ** 2) : 4096;
      throw new ImportError('xlsxTooLarge', { expandedMb, limitMb: MAX_EXPANDED_BYTES / 1024 ** 2 });
    }
  } finally {
    fs.closeSync(handle);
  }
}

export async function openXlsx(path: string, onProgress: ProgressListener): Promise<TableSource> {
  checkExpansion(path);
  const stream = fs.createReadStream(path);
  let bytesRead = 0;
  stream.on('data', (chunk) => {
    bytesRead += chunk.length;
    onProgress(bytesRead);
  });
  const reader = new ExcelJS.stream.xlsx.WorkbookReader(stream, {
    worksheets: 'emit',
    sharedStrings: 'cache',
    styles: 'cache',
    hyperlinks: 'ignore',
    entries: 'ignore',
  });

  const rows = (async function* () {
    try {
      let first = true;
      for await (const worksheet of reader) {
        if (first) {
          for await (const row of worksheet) yield { position: row.number, cells: rowCells(row.values) };
          first = false;
        } else {
          // Only the first worksheet is imported, but ExcelJS removes the temporary files it
          // wrote for the workbook only once every sheet has been read.
          for await (const row of worksheet) void row;
        }
      }
      if (first) throw new ImportError('xlsxNoSheet');
    } catch (error) {
      if (error instanceof ImportError) throw error;
      throw new ImportError('xlsxUnreadable');
    } finally {
      stream.destroy();
    }
  })();

  const isBlank = (cells: (string | null)[]) => cells.every((c) => c === null || c.trim() === '');
  let first: IteratorResult<SourceRecord>;
  try {
    first = await rows.next();
    while (!first.done && isBlank(first.value.cells)) first = await rows.next();
  } catch (error) {
    stream.destroy();
    throw error;
  }
  if (first.done) throw new ImportError('emptyFile');
  const header = first.value.cells;

  async function* batches(): AsyncGenerator<SourceRecord[]> {
    let batch: SourceRecord[] = [];
    for await (const row of { [Symbol.asyncIterator]: () => rows }) {
      if (isBlank(row.cells)) continue;
      batch.push(row);
      if (batch.length >= BATCH) {
        yield batch;
        batch = [];
      }
    }
    if (batch.length > 0) yield batch;
  }
  return { header, batches: batches(), positionUnit: 'row', close: () => stream.destroy() };
}
