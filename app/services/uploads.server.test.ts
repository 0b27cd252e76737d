/**
 * A stored file is whole or absent: it is written under `<key>.part` and renamed once complete,
 * so nothing (a download, the import thread, another process on the same DATA_DIR) ever reads a
 * file under its key while it is still arriving, and a refused upload leaves nothing behind.
 */
import fs from 'node:fs';
import { describe, expect, it } from 'vitest';
import { storeStream, uploadPath, uploadsDir, UploadTooLargeError } from './uploads.server';

const meta = { filename: '数据.csv', contentType: 'text/csv' };

async function* slowly(chunks: string[], whileWriting: () => void) {
  for (const [i, chunk] of chunks.entries()) {
    yield Buffer.from(chunk);
    if (i === 0) {
      await new Promise((resolve) => setTimeout(resolve, 20));
      whileWriting();
    }
  }
}

describe('storing an upload', () => {
  it('shows the file under its key only once every byte is written', async () => {
    const seen: string[][] = [];
    const stored = await storeStream(slowly(['地区,人数\n', '南湖区,12\n'], () => seen.push(fs.readdirSync(uploadsDir()))), meta, 1024);
    // While it arrived only the partial file existed; afterwards only the whole one does.
    expect(seen[0]).toContain(`${stored.storageKey}.part`);
    expect(seen[0]).not.toContain(stored.storageKey);
    expect(fs.readFileSync(uploadPath(stored.storageKey), 'utf8')).toBe('地区,人数\n南湖区,12\n');
    expect(fs.existsSync(`${uploadPath(stored.storageKey)}.part`)).toBe(false);
    expect(stored).toMatchObject({ originalFilename: '数据.csv', byteSize: Buffer.byteLength('地区,人数\n南湖区,12\n') });
  });

  it('leaves nothing behind when the file is refused for its size', async () => {
    const before = new Set(fs.existsSync(uploadsDir()) ? fs.readdirSync(uploadsDir()) : []);
    await expect(storeStream([Buffer.alloc(600), Buffer.alloc(600)], meta, 1000)).rejects.toBeInstanceOf(UploadTooLargeError);
    expect(fs.readdirSync(uploadsDir()).filter((name) => !before.has(name))).toEqual([]);
  });
});
