import { describe, expect, it } from 'vitest';
import { checkAttachment } from './attachment-type';

const bytes = (...b: number[]) => Uint8Array.from(b);
const PDF = new TextEncoder().encode('%PDF-1.7\n');
const PNG = bytes(0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0);
const ZIP = bytes(0x50, 0x4b, 0x03, 0x04, 0);
const EXE = bytes(0x4d, 0x5a, 0x90, 0);

describe('checkAttachment', () => {
  it('accepts PDFs, images and ZIPs whose content matches the name', () => {
    expect(checkAttachment('方案.pdf', PDF)).toEqual({ ok: true, kind: 'pdf', mime: 'application/pdf' });
    expect(checkAttachment('截图.PNG', PNG)).toMatchObject({ ok: true, kind: 'png' });
    expect(checkAttachment('代码.zip', ZIP)).toMatchObject({ ok: true, kind: 'zip' });
  });

  it('refuses other types and files whose name lies about their content', () => {
    expect(checkAttachment('setup.exe', EXE)).toEqual({ ok: false, problem: 'unsupported' });
    expect(checkAttachment('report.pdf', EXE)).toEqual({ ok: false, problem: 'unsupported' });
    expect(checkAttachment('photo.png', PDF)).toEqual({ ok: false, problem: 'mismatch' });
    expect(checkAttachment('page.html', new TextEncoder().encode('<html>'))).toEqual({ ok: false, problem: 'unsupported' });
  });
});
