/**
 * The scanner measured on the labelled corpus in tests/fixtures/privacy (written by generate.ts
 * there): recall of at least 99% for ID, phone, e-mail and bank card columns, every name,
 * address, plate and IP column found, and not one non-personal column flagged.
 */
import fs from 'node:fs';
import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import type { PrivacyDetector } from '~/lib/vocabulary';
import { CsvParser } from '../import/csv-parser';
import { PrivacyScanner, type PrivacyFinding } from './scanner';

const DIR = fileURLToPath(new URL('../../../tests/fixtures/privacy/', import.meta.url));

type Labels = Record<string, Record<string, PrivacyDetector[]>>;

interface ColumnResult {
  file: string;
  column: string;
  expected: PrivacyDetector[];
  findings: PrivacyFinding[];
}

const RECALL_KINDS = {
  idCard: ['idCard'],
  phone: ['mobile', 'landline'],
  email: ['email'],
  bankCard: ['bankCard'],
} as const satisfies Record<string, readonly PrivacyDetector[]>;
const OTHER_KINDS: readonly PrivacyDetector[] = ['name', 'address', 'plate', 'ipv4', 'ipv6'];
const MIN_RECALL = 0.99;

function readCsv(file: string): { headers: string[]; rows: string[][] } {
  const text = fs.readFileSync(`${DIR}${file}`, 'utf8').replace(/^\uFEFF/, '');
  const parser = new CsvParser({ delimiter: ',' });
  const records = [...parser.push(text), ...parser.end()].map((r) => r.fields);
  const [headers, ...rows] = records;
  if (!headers) throw new Error(`${file} is empty`);
  return { headers, rows };
}

const describeFinding = (r: ColumnResult, f?: PrivacyFinding): string =>
  f ? `${r.file} › ${r.column}: ${f.detector} (${f.matched}/${f.nonEmpty}, ${f.basis}) e.g. ${f.examples.join(' | ')}` : `${r.file} › ${r.column}`;

describe('privacy scanner on the labelled corpus', () => {
  const results: ColumnResult[] = [];

  beforeAll(() => {
    const labels = JSON.parse(fs.readFileSync(`${DIR}labels.json`, 'utf8')) as Labels;
    for (const [file, columns] of Object.entries(labels)) {
      const { headers, rows } = readCsv(file);
      expect(headers, `${file}: headers and labels differ`).toEqual(Object.keys(columns));
      const scanner = new PrivacyScanner(headers);
      scanner.observe(rows);
      const findings = scanner.findings();
      for (const column of headers) {
        results.push({
          file,
          column,
          expected: columns[column] ?? [],
          findings: findings.filter((f) => f.column === column),
        });
      }
    }
  });

  it('is a corpus big enough for 99% to mean something', () => {
    const csvs = fs.readdirSync(DIR).filter((f) => f.endsWith('.csv'));
    expect(new Set(results.map((r) => r.file)).size).toBe(csvs.length);
    const core = results.filter((r) => Object.values(RECALL_KINDS).some((kinds) => kinds.some((k) => r.expected.includes(k))));
    expect(core.length).toBeGreaterThanOrEqual(120);
    expect(results.filter((r) => r.expected.length === 0).length).toBeGreaterThanOrEqual(100);
  });

  for (const [kind, kinds] of Object.entries(RECALL_KINDS) as [string, readonly PrivacyDetector[]][]) {
    it(`finds at least 99% of ${kind} columns`, () => {
      const labelled = results.filter((r) => kinds.some((k) => r.expected.includes(k)));
      const missed = labelled.filter((r) => !r.findings.some((f) => kinds.includes(f.detector)));
      const recall = (labelled.length - missed.length) / labelled.length;
      expect(recall, `recall ${recall.toFixed(3)} over ${labelled.length} columns; missed:\n${missed.map((r) => describeFinding(r)).join('\n')}`).toBeGreaterThanOrEqual(
        MIN_RECALL
      );
    });
  }

  it('finds every name, address, plate and IP column', () => {
    const missed: string[] = [];
    for (const r of results) {
      for (const kind of r.expected) {
        if (OTHER_KINDS.includes(kind) && !r.findings.some((f) => f.detector === kind)) missed.push(`${describeFinding(r)} (${kind})`);
      }
    }
    expect(missed, `missed:\n${missed.join('\n')}`).toEqual([]);
  });

  it('flags no non-personal column', () => {
    const wrong = results.filter((r) => r.expected.length === 0).flatMap((r) => r.findings.map((f) => describeFinding(r, f)));
    expect(wrong, `flagged:\n${wrong.join('\n')}`).toEqual([]);
  });
});
