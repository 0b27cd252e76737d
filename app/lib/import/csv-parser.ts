/**
 * A streaming RFC 4180 CSV parser: quoted fields, doubled quotes, delimiters and newlines inside
 * quotes, CRLF / LF / CR line ends. Text goes in chunk by chunk; complete records come out with the
 * line they started on, so errors can name it. Memory is bounded by the longest record.
 *
 * Hand-written rather than a library because the import of a million-row table is dominated by
 * parsing: scanning with indexOf/charCodeAt is several times faster than a general parser.
 */

export interface CsvRecord {
  /** 1-based line on which the record starts. */
  line: number;
  fields: string[];
}

export class CsvSyntaxError extends Error {
  constructor(
    readonly kind: 'unclosedQuote' | 'textAfterQuote' | 'recordTooLarge',
    readonly line: number,
  ) {
    super(`${kind} at line ${line}`);
    this.name = 'CsvSyntaxError';
  }
}

const QUOTE = 34; // "
const LF = 10;
const CR = 13;

export interface CsvParserOptions {
  delimiter: string;
  /** Refuse a single record longer than this many characters (a runaway quote, usually). */
  maxRecordLength?: number;
}

export class CsvParser {
  private buffer = '';
  private line = 1;
  private readonly delimiter: number;
  private readonly maxRecordLength: number;

  constructor(options: CsvParserOptions) {
    if (options.delimiter.length !== 1) throw new Error('delimiter must be one character');
    this.delimiter = options.delimiter.charCodeAt(0);
    this.maxRecordLength = options.maxRecordLength ?? 4 * 1024 * 1024;
  }

  /** Feeds more text; returns the records completed by it. */
  push(text: string): CsvRecord[] {
    this.buffer = this.buffer.length === 0 ? text : this.buffer + text;
    return this.drain(false);
  }

  /** Signals the end of input; returns the last record, if any. */
  end(): CsvRecord[] {
    return this.drain(true);
  }

  private drain(final: boolean): CsvRecord[] {
    const records: CsvRecord[] = [];
    const text = this.buffer;
    const length = text.length;
    const delimiter = this.delimiter;
    let pos = 0;

    records: while (pos < length) {
      const startLine = this.line;
      let lines = 0;
      const fields: string[] = [];
      let i = pos;
      for (;;) {
        // One field starting at i.
        if (i < length && text.charCodeAt(i) === QUOTE) {
          let value = '';
          let from = i + 1;
          for (;;) {
            const close = text.indexOf('"', from);
            if (close === -1) {
              if (final) throw new CsvSyntaxError('unclosedQuote', startLine);
              break records; // need more text
            }
            if (close + 1 < length && text.charCodeAt(close + 1) === QUOTE) {
              value += text.slice(from, close + 1);
              from = close + 2;
              continue;
            }
            if (close + 1 >= length && !final) break records; // cannot tell "" from " yet
            value += text.slice(from, close);
            i = close + 1;
            break;
          }
          lines += countLineBreaks(value);
          fields.push(value);
          if (i >= length) {
            if (!final) break records;
            records.push({ line: startLine, fields });
            this.line = startLine + lines + 1;
            pos = length;
            break records;
          }
          const next = text.charCodeAt(i);
          if (next === delimiter) {
            i += 1;
            continue;
          }
          if (next === LF || next === CR) {
            i = skipLineEnd(text, i, length, final);
            if (i === -1) break records;
            records.push({ line: startLine, fields });
            this.line = startLine + lines + 1;
            pos = i;
            continue records;
          }
          throw new CsvSyntaxError('textAfterQuote', startLine + lines);
        }
        // Unquoted field: up to the next delimiter or line end.
        let j = i;
        while (j < length) {
          const c = text.charCodeAt(j);
          if (c === delimiter || c === LF || c === CR) break;
          j += 1;
        }
        if (j >= length) {
          if (!final) break records;
          fields.push(text.slice(i, j));
          records.push({ line: startLine, fields });
          this.line = startLine + lines + 1;
          pos = length;
          break records;
        }
        fields.push(text.slice(i, j));
        if (text.charCodeAt(j) === delimiter) {
          i = j + 1;
          continue;
        }
        i = skipLineEnd(text, j, length, final);
        if (i === -1) break records;
        records.push({ line: startLine, fields });
        this.line = startLine + lines + 1;
        pos = i;
        continue records;
      }
    }
    this.buffer = pos >= length ? '' : text.slice(pos);
    if (this.buffer.length > this.maxRecordLength) throw new CsvSyntaxError('recordTooLarge', this.line);
    return records;
  }
}

/** Index after a line end at i (CRLF, LF or CR); -1 when a CR ends the text and more may follow. */
function skipLineEnd(text: string, i: number, length: number, final: boolean): number {
  if (text.charCodeAt(i) === CR) {
    if (i + 1 < length) return text.charCodeAt(i + 1) === LF ? i + 2 : i + 1;
    return final ? i + 1 : -1;
  }
  return i + 1;
}

function countLineBreaks(value: string): number {
  let count = 0;
  for (let k = value.indexOf('\n'); k !== -1; k = value.indexOf('\n', k + 1)) count += 1;
  if (count === 0 && value.includes('\r')) {
    for (let k = value.indexOf('\r'); k !== -1; k = value.indexOf('\r', k + 1)) count += 1;
  }
  return count;
}
