import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { zipWithDeclaredSizes } from '../../../tests/helpers/zip';
import { isZipBomb, zipExpansion } from './zip-directory';

const expansionOf = (file: Buffer) => zipExpansion(file.length, (offset, length) => file.subarray(offset, offset + length));

describe('zip expansion', () => {
  it('reads what a real workbook expands to, and lets it through', async () => {
    const workbook = new ExcelJS.Workbook();
    const sheet = workbook.addWorksheet('站点');
    sheet.addRow(['名称', '人数']);
    for (let i = 0; i < 2000; i += 1) sheet.addRow([`站点${i}`, i]);
    const file = Buffer.from(await workbook.xlsx.writeBuffer());
    const expansion = expansionOf(file);
    expect(expansion?.entries).toBeGreaterThan(3);
    expect(expansion?.uncompressedBytes).toBeGreaterThan(expansion?.compressedBytes ?? Infinity);
    expect(isZipBomb(expansion!)).toBe(false);
  });

  it('refuses a workbook that says it expands past the limit, or at a ratio no spreadsheet has', () => {
    // 17.5 MB expanding to 3.6 GB across sheets, as the one that crashed the server did.
    const bomb = expansionOf(zipWithDeclaredSizes([{ name: 'xl/worksheets/sheet1.xml', compressed: 17_500_000, uncompressed: 3_600_000_000 }]));
    expect(bomb?.uncompressedBytes).toBe(3_600_000_000);
    expect(isZipBomb(bomb!)).toBe(true);
    const ratio = expansionOf(zipWithDeclaredSizes([{ name: 'xl/sharedStrings.xml', compressed: 1_000_000, uncompressed: 900_000_000 }]));
    expect(isZipBomb(ratio!)).toBe(true);
    const zip64 = expansionOf(zipWithDeclaredSizes([{ name: 'xl/worksheets/sheet1.xml', compressed: 1000, uncompressed: 0xffffffff }]));
    expect(zip64?.uncompressedBytes).toBe(Infinity);
    expect(isZipBomb(zip64!)).toBe(true);
    // A large but ordinary workbook: 60 MB expanding tenfold.
    const large = expansionOf(zipWithDeclaredSizes([{ name: 'xl/worksheets/sheet1.xml', compressed: 60_000_000, uncompressed: 600_000_000 }]));
    expect(isZipBomb(large!)).toBe(false);
  });

  it('says there is no directory for a truncated file or one that is not a zip', async () => {
    const workbook = new ExcelJS.Workbook();
    workbook.addWorksheet('a').addRow(['x']);
    const file = Buffer.from(await workbook.xlsx.writeBuffer());
    expect(expansionOf(file.subarray(0, file.length - 40))).toBeNull();
    expect(expansionOf(Buffer.from('名称,人数\n甲,1\n'))).toBeNull();
  });
});
