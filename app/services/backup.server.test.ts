import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { listBackups, pruneBackups } from './backup.server';

function fakeBackup(root: string, name: string, createdAt: string) {
  fs.mkdirSync(path.join(root, name), { recursive: true });
  fs.writeFileSync(path.join(root, name, 'manifest.json'), JSON.stringify({ format: 1, createdAt, migrations: 1, files: [], missingUploads: [] }));
}

describe('backup retention', () => {
  it('keeps the newest finished backups, removes older ones and day-old leftovers of cut-short ones', () => {
    const root = fs.mkdtempSync(path.join(os.tmpdir(), 'jdz-prune-'));
    fakeBackup(root, 'jindianzi-backup-20261201T020000Z', '2026-12-01T02:00:00.000Z');
    fakeBackup(root, 'jindianzi-backup-20261202T020000Z', '2026-12-02T02:00:00.000Z');
    fakeBackup(root, 'jindianzi-backup-20261203T020000Z', '2026-12-03T02:00:00.000Z');
    // Unfinished: no manifest, so never listed as a backup.
    fs.mkdirSync(path.join(root, 'jindianzi-backup-20261204T020000Z'));
    const old = path.join(root, '.jindianzi-backup-20261130T020000Z.partial');
    const fresh = path.join(root, '.jindianzi-backup-20261204T030000Z.partial');
    fs.mkdirSync(old);
    fs.mkdirSync(fresh);
    const twoDaysAgo = new Date(Date.now() - 2 * 86_400_000);
    fs.utimesSync(old, twoDaysAgo, twoDaysAgo);

    expect(listBackups(root).map((b) => path.basename(b.dir))).toEqual(['jindianzi-backup-20261203T020000Z', 'jindianzi-backup-20261202T020000Z', 'jindianzi-backup-20261201T020000Z']);
    const removed = pruneBackups(root, 2).map((dir) => path.basename(dir));
    expect(removed.sort()).toEqual(['.jindianzi-backup-20261130T020000Z.partial', 'jindianzi-backup-20261201T020000Z']);
    expect(fs.readdirSync(root).sort()).toEqual(['.jindianzi-backup-20261204T030000Z.partial', 'jindianzi-backup-20261202T020000Z', 'jindianzi-backup-20261203T020000Z', 'jindianzi-backup-20261204T020000Z']);
    // Never the last one, whatever BACKUP_KEEP says.
    expect(pruneBackups(root, 0).map((dir) => path.basename(dir))).toEqual(['jindianzi-backup-20261202T020000Z']);
    fs.rmSync(root, { recursive: true, force: true });
  });
});
