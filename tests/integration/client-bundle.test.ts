/**
 * What the browser downloads: never the database schema (every table, password_hash among the
 * columns), and one language per visit (each catalogue is its own chunk, loaded for the page's
 * language only).
 */
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

const assets = path.resolve(import.meta.dirname, '../../build/client/assets');
const files = fs.readdirSync(assets).filter((name) => name.endsWith('.js'));
const read = (name: string) => fs.readFileSync(path.join(assets, name), 'utf8');

describe('the client bundle', () => {
  it('holds no part of the database schema', () => {
    for (const name of files) {
      const source = read(name);
      expect(source.includes('password_hash'), name).toBe(false);
      expect(/sqliteTable|drizzle-orm/.test(source), name).toBe(false);
    }
  });

  it('keeps each language in a chunk of its own', () => {
    const chinese = files.filter((name) => read(name).includes('让开放数据变成好点子'));
    const english = files.filter((name) => read(name).includes('Turning open data into golden ideas'));
    expect(chinese).toHaveLength(1);
    expect(english).toHaveLength(1);
    expect(chinese[0]).not.toBe(english[0]);
  });
});
