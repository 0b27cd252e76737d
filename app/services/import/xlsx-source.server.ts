/**
 * Reads the first worksheet of an XLSX workbook as a stream of rows (ExcelJS's streaming reader),
 * turning Excel's cell values into the text a person sees in the cell.
 */
import fs from 'node:fs';
import ExcelJS from 'exceljs';
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
 * Whether the file ends with a zip "end of central directory" record. A truncated workbook lacks
 * it, and ExcelJS's streaming reader would wait for the missing bytes forever.
 */
function hasZipDirectory(path: string): boolean {
  const size = fs.statSync(path).size;
  const length = Math.min(size, 22 + 65_535);
  const buffer = Buffer.alloc(length);
  const handle = fs.openSync(path, 'r');
  try {
    fs.readSync(handle, buffer, 0, length, size - length);
  } finally {
    fs.closeSync(handle);
  }
  return buffer.lastIndexOf(Buffer.from([0x50, 0x4b, 0x05, 0x06])) !== -1;
}

export async function openXlsx(path: string, onProgress: ProgressListener): Promise<TableSource> {
  if (!hasZipDirectory(path)) throw new ImportError('xlsxUnreadable');
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
