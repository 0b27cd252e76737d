/**
 * On PostgreSQL getDb() answers the transaction only when called inside its work: a handle taken
 * before `transaction(` is the pool, and statements through it run outside the transaction (on a
 * second connection, committed whatever the transaction does). This reads the server code for a
 * `const x = getDb()` used again after a `transaction(` in the same function.
 */
import { describe, expect, it } from 'vitest';
import { readSource, sourceFiles } from '../../tests/helpers/source-files';

function handlesUsedAcrossTransactions(file: string): string[] {
  const lines = readSource(file).split('\n');
  const found: string[] = [];
  lines.forEach((line, i) => {
    const taken = /^(\s*)const (\w+) = getDb\(\);/.exec(line);
    if (!taken) return;
    const indent = taken[1]!.length;
    const name = taken[2]!;
    let inTransaction = false;
    for (let j = i + 1; j < lines.length; j += 1) {
      const next = lines[j]!;
      if (next.trim() === '}' && next.length - next.trimStart().length < indent) break;
      if (next.includes('transaction(')) inTransaction = true;
      else if (inTransaction && new RegExp(`\\b${name}\\.`).test(next)) found.push(`${file}:${j + 1}`);
    }
  });
  return found;
}

describe('database handles', () => {
  it('are not taken before a transaction and used inside it', () => {
    const files = sourceFiles('app', 'db', 'scripts', 'server').filter((f) => f.endsWith('.ts') && !f.endsWith('.test.ts'));
    expect(files.length).toBeGreaterThan(50);
    expect(files.flatMap(handlesUsedAcrossTransactions)).toEqual([]);
  });
});
