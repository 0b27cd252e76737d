import { describe, expect, it } from 'vitest';
import { detectDelimiter } from './delimiter';
import { detectEncoding, looksBinary } from './encoding';
import { prepareHeaders } from './headers';

// "名称,数量\n北湖,3\n" in GBK, as Excel on a Chinese Windows saves it.
const GBK = Uint8Array.from([0xc3, 0xfb, 0xb3, 0xc6, 0x2c, 0xca, 0xfd, 0xc1, 0xbf, 0x0a, 0xb1, 0xb1, 0xba, 0xfe, 0x2c, 0x33, 0x0a]);

describe('detectEncoding', () => {
  it('recognises UTF-8 with and without BOM', () => {
    expect(detectEncoding(new TextEncoder().encode('名称,数量\n'))).toEqual({ encoding: 'utf-8', bomLength: 0 });
    expect(detectEncoding(Uint8Array.from([0xef, 0xbb, 0xbf, 0x61]))).toEqual({ encoding: 'utf-8', bomLength: 3 });
  });

  it('falls back to GB18030 for GBK bytes and reads them correctly', () => {
    const detected = detectEncoding(GBK);
    expect(detected.encoding).toBe('gb18030');
    expect(new TextDecoder(detected.encoding).decode(GBK)).toBe('名称,数量\n北湖,3\n');
  });

  it('does not mistake a UTF-8 character cut at the end of the sample for another encoding', () => {
    const bytes = new TextEncoder().encode('名称,数量');
    expect(detectEncoding(bytes.subarray(0, bytes.length - 1)).encoding).toBe('utf-8');
  });

  it('recognises UTF-16 from its byte-order mark', () => {
    expect(detectEncoding(Uint8Array.from([0xff, 0xfe, 0x0d, 0x54])).encoding).toBe('utf-16le');
    expect(detectEncoding(Uint8Array.from([0xfe, 0xff, 0x54, 0x0d])).encoding).toBe('utf-16be');
  });

  it('spots binary content', () => {
    expect(looksBinary(Uint8Array.from([0x50, 0x4b, 0x03, 0x04, 0x00]), 'utf-8')).toBe(true);
    expect(looksBinary(GBK, 'gb18030')).toBe(false);
  });
});

describe('detectDelimiter', () => {
  it('finds comma, tab, semicolon and pipe', () => {
    expect(detectDelimiter('a,b,c\n1,2,3\n')).toBe(',');
    expect(detectDelimiter('a\tb\tc\n1\t2\t3\n')).toBe('\t');
    expect(detectDelimiter('a;b;c\n1,5;2,5;3\n')).toBe(';');
    expect(detectDelimiter('a|b\n1|2\n')).toBe('|');
  });

  it('ignores delimiters inside quotes and prefers the consistent candidate', () => {
    expect(detectDelimiter('名称;备注\n"北湖, 新城";"a, b, c"\n"城关";"d"\n')).toBe(';');
    expect(detectDelimiter('金额,说明\n"1,000","买了 a; b; c"\n"2,000",x\n')).toBe(',');
  });

  it('defaults to comma for a single column', () => {
    expect(detectDelimiter('名称\n北湖\n')).toBe(',');
  });
});

describe('prepareHeaders', () => {
  it('keeps Chinese headers, trims them and drops trailing empty ones', () => {
    expect(prepareHeaders(['\uFEFF 统一社会信用代码 ', '企业  名称', '', ''])).toEqual({ ok: true, headers: ['统一社会信用代码', '企业 名称'] });
  });

  it('names the column with a missing, duplicate or reserved header', () => {
    expect(prepareHeaders(['a', '', 'c'])).toEqual({ ok: false, problem: { kind: 'emptyHeader', column: 2 } });
    expect(prepareHeaders(['Name', '名称', 'name'])).toEqual({ ok: false, problem: { kind: 'duplicateHeader', column: 3, header: 'name' } });
    expect(prepareHeaders(['_id', 'x'])).toEqual({ ok: false, problem: { kind: 'reservedHeader', column: 1, header: '_id' } });
    expect(prepareHeaders(['', ''])).toEqual({ ok: false, problem: { kind: 'noHeader' } });
    expect(prepareHeaders(Array.from({ length: 501 }, (_, i) => `c${i}`))).toMatchObject({ ok: false, problem: { kind: 'tooManyColumns' } });
  });
});
