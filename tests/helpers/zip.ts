/** Zip archives for tests of what the importer refuses. */

/** A zip of stored entries whose directory declares the given sizes (what a bomb's directory says). */
export function zipWithDeclaredSizes(entries: { name: string; compressed: number; uncompressed: number }[]): Buffer {
  const locals: Buffer[] = [];
  const directory: Buffer[] = [];
  let offset = 0;
  for (const entry of entries) {
    const name = Buffer.from(entry.name);
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt32LE(entry.compressed, 18);
    local.writeUInt32LE(entry.uncompressed, 22);
    local.writeUInt16LE(name.length, 26);
    const data = Buffer.alloc(Math.min(entry.compressed, 64));
    locals.push(local, name, data);
    const central = Buffer.alloc(46);
    central.writeUInt32LE(0x02014b50, 0);
    central.writeUInt32LE(entry.compressed, 20);
    central.writeUInt32LE(entry.uncompressed, 24);
    central.writeUInt16LE(name.length, 28);
    central.writeUInt32LE(offset, 42);
    directory.push(central, name);
    offset += 30 + name.length + data.length;
  }
  const body = Buffer.concat(locals);
  const dir = Buffer.concat(directory);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(entries.length, 8);
  end.writeUInt16LE(entries.length, 10);
  end.writeUInt32LE(dir.length, 12);
  end.writeUInt32LE(body.length, 16);
  return Buffer.concat([body, dir, end]);
}
