/**
 * Streamed downloads of a datastore table (the whole table or the current filter) as CSV, JSON
 * or XLSX. Rows are read lazily and written as the client takes them, so memory stays flat
 * whatever the table size; a client that goes away stops the read.
 */
import { PassThrough, Readable } from 'node:stream';
import ExcelJS from 'exceljs';
import type { DatastoreColumn } from '../../db/tables';
import { jsonCell } from '~/lib/json-cell';
import type { CellValue } from '~/models/datastore.server';
import { config } from '~/config.server';

export const DOWNLOAD_FORMATS = ['csv', 'json', 'xlsx'] as const;
export type DownloadFormat = (typeof DOWNLOAD_FORMATS)[number];

/** Excel's worksheet limit, less the header row. */
export const XLSX_MAX_ROWS = 1_048_575;

const ROWS_PER_CHUNK = 2000;

/**
 * Rows as a model reads them: stepped synchronously on SQLite (a statement on a read connection),
 * fetched a batch at a time on PostgreSQL. A reader that stops early calls `return()`, which
 * closes what is underneath.
 */
export type RowSource<T = CellValue[]> = IterableIterator<T> | AsyncIterableIterator<T>;

function isSync<T>(rows: RowSource<T>): rows is IterableIterator<T> {
  return Symbol.iterator in rows;
}

/** Maps each row lazily; stopping early stops the read underneath. */
export function mapRows<T, U>(rows: RowSource<T>, map: (row: T) => U): RowSource<U> {
  if (isSync(rows)) {
    return (function* () {
      try {
        for (const row of rows) yield map(row);
      } finally {
        rows.return?.();
      }
    })();
  }
  return (async function* () {
    try {
      for await (const row of rows) yield map(row);
    } finally {
      await rows.return?.();
    }
  })();
}
const XLSX_ROWS_PER_PAUSE = 500;
const encoder = new TextEncoder();

/**
 * Text that a spreadsheet would run as a formula (=, +, @, tab, CR, or - before a letter) gets a
 * leading apostrophe, which Excel hides (OWASP's advice on CSV injection). Numbers are untouched.
 */
function defuseFormula(text: string): string {
  return /^[=+@\t\r]|^-[^\d\s.]/.test(text) ? `'${text}` : text;
}

function csvField(value: CellValue, type: DatastoreColumn['type']): string {
  if (value === null) return '';
  if (type === 'boolean') return value ? 'true' : 'false';
  const text = type === 'text' && typeof value === 'string' ? defuseFormula(value) : String(value);
  return /[",\r\n]/.test(text) || /^\s|\s$/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

/**
 * A client that stops reading for this long (DOWNLOAD_STALL_SECONDS, default 60) loses its
 * download: the rows being read hold a database snapshot open, which keeps the write-ahead log
 * from being reused (a stalled download once grew it from 42 to 189 MB).
 */
function stallLimitMs(): number {
  return config().downloadStallMs;
}

/**
 * A byte stream that pulls text chunks from a generator and closes it if the reader cancels or
 * stops reading. Each chunk is made in a task of its own (setImmediate): to a fast client the
 * socket never pushes back, and chunks made in one run of promise callbacks kept every other
 * request waiting until four million-row downloads had finished.
 */
function streamFrom(chunks: AsyncGenerator<string, void, undefined>): ReadableStream<Uint8Array> {
  let timer: NodeJS.Timeout | undefined;
  const limit = stallLimitMs();
  const stop = () => {
    clearTimeout(timer);
    chunks.return(undefined).catch(() => undefined);
  };
  return new ReadableStream<Uint8Array>({
    async pull(controller) {
      clearTimeout(timer);
      await new Promise((resolve) => setImmediate(resolve));
      const next = await chunks.next();
      if (next.done) {
        controller.close();
        return;
      }
      controller.enqueue(encoder.encode(next.value));
      timer = setTimeout(() => {
        stop();
        controller.error(new Error('download stalled: the client stopped reading'));
      }, limit);
      timer.unref();
    },
    cancel() {
      stop();
    },
  });
}

/** Rendered rows joined into chunks of ROWS_PER_CHUNK; a synchronous source is read without a pause per row. */
async function* batches(rows: RowSource, render: (row: CellValue[]) => string): AsyncGenerator<string, void, undefined> {
  try {
    if (isSync(rows)) {
      for (let chunk = takeChunk(rows, render); chunk !== ''; chunk = takeChunk(rows, render)) yield chunk;
      return;
    }
    let chunk = '';
    let count = 0;
    for await (const row of rows) {
      chunk += render(row);
      count += 1;
      if (count === ROWS_PER_CHUNK) {
        yield chunk;
        chunk = '';
        count = 0;
      }
    }
    if (chunk) yield chunk;
  } finally {
    // Closes the statement or cursor when the client stops early.
    await rows.return?.();
  }
}

/** Up to ROWS_PER_CHUNK rows of a synchronous source, rendered ('' once it is read to the end). */
function takeChunk(rows: IterableIterator<CellValue[]>, render: (row: CellValue[]) => string): string {
  let chunk = '';
  for (let count = 0; count < ROWS_PER_CHUNK; count += 1) {
    const next = rows.next();
    if (next.done) break;
    chunk += render(next.value);
  }
  return chunk;
}

/** CSV in UTF-8 with a byte-order mark, so Excel opens Chinese text correctly; CRLF line ends. */
export function csvDownload(columns: readonly DatastoreColumn[], rows: RowSource): ReadableStream<Uint8Array> {
  async function* chunks(): AsyncGenerator<string, void, undefined> {
    yield `\uFEFF${columns.map((c) => csvField(c.name, 'text')).join(',')}\r\n`;
    yield* batches(rows, (row) => `${row.map((value, i) => csvField(value, columns[i]?.type ?? 'text')).join(',')}\r\n`);
  }
  return streamFrom(chunks());
}

/** A JSON array of objects keyed by column name. */
export function jsonDownload(columns: readonly DatastoreColumn[], rows: RowSource): ReadableStream<Uint8Array> {
  async function* chunks(): AsyncGenerator<string, void, undefined> {
    yield '[';
    let first = true;
    yield* batches(rows, (row) => {
      const record: Record<string, unknown> = {};
      columns.forEach((column, i) => {
        record[column.name] = jsonCell(row[i] ?? null, column.type);
      });
      const text = `${first ? '\n' : ',\n'}${JSON.stringify(record)}`;
      first = false;
      return text;
    });
    yield '\n]\n';
  }
  return streamFrom(chunks());
}

function excelValue(value: CellValue, type: DatastoreColumn['type']): ExcelJS.CellValue {
  if (value === null) return null;
  if (type === 'boolean') return value === 1 || value === '1';
  if (type === 'date' && typeof value === 'string') {
    const match = /^(\d{4})-(\d{2})-(\d{2})(?: (\d{2}):(\d{2}):(\d{2}))?$/.exec(value);
    if (match) return new Date(Date.UTC(Number(match[1]), Number(match[2]) - 1, Number(match[3]), Number(match[4] ?? 0), Number(match[5] ?? 0), Number(match[6] ?? 0)));
  }
  return value;
}

/** An XLSX workbook with one sheet, written row by row (no shared-strings table in memory). */
export function xlsxDownload(columns: readonly DatastoreColumn[], rows: RowSource, sheetName: string): ReadableStream<Uint8Array> {
  const output = new PassThrough();
  const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: output, useSharedStrings: false, useStyles: true });
  // Sheet names: at most 31 characters and none of : \ / ? * [ ].
  const sheet = workbook.addWorksheet(sheetName.replace(/[:\\/?*[\]]/g, ' ').slice(0, 31) || 'data');
  sheet.columns = columns.map((column) => ({
    header: column.name,
    key: column.name,
    width: Math.min(40, Math.max(10, [...column.name].length * 2 + 2)),
    ...(column.type === 'date' ? { style: { numFmt: 'yyyy-mm-dd' } } : {}),
  }));
  let stopped = false;
  output.on('close', () => {
    stopped = true;
  });

  // Runs on while the response streams; its own catch ends the stream on failure.
  void (async () => {
    try {
      let count = 0;
      // Each row is written and committed at once; a pause per row of an asynchronous source costs nothing next to that.
      for await (const row of rows) {
        if (stopped) break;
        sheet.addRow(row.map((value, i) => excelValue(value, columns[i]?.type ?? 'text'))).commit();
        count += 1;
        if (count % XLSX_ROWS_PER_PAUSE === 0) {
          // Let other requests run, and let the client catch up rather than buffering the workbook.
          await new Promise((resolve) => setImmediate(resolve));
          if (output.writableNeedDrain && !stopped) {
            await new Promise<void>((resolve) => {
              const done = () => {
                output.off('drain', done);
                output.off('close', done);
                resolve();
              };
              output.once('drain', done);
              output.once('close', done);
            });
          }
        }
      }
      sheet.commit();
      await workbook.commit();
    } catch (error) {
      output.destroy(error as Error);
    } finally {
      await rows.return?.();
    }
  })();
  return Readable.toWeb(output) as ReadableStream<Uint8Array>;
}

export const DOWNLOAD_TYPES: Record<DownloadFormat, string> = {
  csv: 'text/csv; charset=utf-8',
  json: 'application/json; charset=utf-8',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
};

/** Content-Disposition with a Chinese file name that every browser understands (RFC 6266). */
export function attachmentHeader(filename: string): string {
  const ascii = filename.replace(/[^\x20-\x7e]/g, '_').replace(/["\\]/g, '_');
  return `attachment; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(filename)}`;
}
