import { describe, expect, it } from 'vitest';
import { CsvParser, CsvSyntaxError, type CsvRecord } from './csv-parser';

function parseAll(text: string, delimiter = ',', chunkSize = text.length): CsvRecord[] {
  const parser = new CsvParser({ delimiter });
  const records: CsvRecord[] = [];
  for (let i = 0; i < text.length; i += chunkSize) records.push(...parser.push(text.slice(i, i + chunkSize)));
  records.push(...parser.end());
  return records;
}

describe('CsvParser', () => {
  it('splits plain records and keeps empty fields', () => {
    expect(parseAll('a,b,c\n1,,3\n').map((r) => r.fields)).toEqual([
      ['a', 'b', 'c'],
      ['1', '', '3'],
    ]);
  });

  it('handles quotes, doubled quotes, delimiters and newlines inside quotes', () => {
    const records = parseAll('名称,备注\n"云溪, 北湖","他说""好""\n第二行"\n末行,x');
    expect(records.map((r) => r.fields)).toEqual([
      ['名称', '备注'],
      ['云溪, 北湖', '他说"好"\n第二行'],
      ['末行', 'x'],
    ]);
    expect(records.map((r) => r.line)).toEqual([1, 2, 4]);
  });

  it('accepts CRLF, LF and lone CR line ends, and a missing final newline', () => {
    expect(parseAll('a;b\r\n1;2\r3;4\n5;6', ';').map((r) => r.fields)).toEqual([
      ['a', 'b'],
      ['1', '2'],
      ['3', '4'],
      ['5', '6'],
    ]);
  });

  it('gives the same result whatever the chunking, even splitting CRLF and doubled quotes', () => {
    const text = 'h1\th2\r\n"x""y"\t"multi\r\nline"\r\nz\t\r\n';
    const whole = parseAll(text, '\t');
    for (let size = 1; size < text.length; size += 1) {
      expect(parseAll(text, '\t', size), `chunk ${size}`).toEqual(whole);
    }
    expect(whole.map((r) => r.fields)).toEqual([
      ['h1', 'h2'],
      ['x"y', 'multi\r\nline'],
      ['z', ''],
    ]);
  });

  it('reports an unclosed quote and text after a closing quote with their line', () => {
    expect(() => parseAll('a\n"open\nstill open')).toThrow(CsvSyntaxError);
    try {
      parseAll('a,b\n1,2\n"x"y,3\n');
    } catch (error) {
      expect(error).toMatchObject({ kind: 'textAfterQuote', line: 3 });
    }
    try {
      parseAll('a\n1\n"never closed\n\n');
    } catch (error) {
      expect(error).toMatchObject({ kind: 'unclosedQuote', line: 3 });
    }
  });

  it('refuses a runaway record instead of buffering the whole file', () => {
    const parser = new CsvParser({ delimiter: ',', maxRecordLength: 100 });
    parser.push('a\n"');
    expect(() => parser.push('x'.repeat(200))).toThrow(/recordTooLarge/);
  });
});
