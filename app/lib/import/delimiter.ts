/**
 * Guesses the field delimiter from the first lines of a CSV: the candidate that splits the header
 * into the most fields while giving the same field count on (nearly) every sampled line.
 */
import { CsvParser, type CsvRecord } from './csv-parser';

export const DELIMITERS = [',', '\t', ';', '|'] as const;
export type Delimiter = (typeof DELIMITERS)[number];

function sampleRecords(text: string, delimiter: string, max: number): CsvRecord[] {
  const parser = new CsvParser({ delimiter, maxRecordLength: text.length + 1 });
  try {
    const records = parser.push(text);
    return records.slice(0, max);
  } catch {
    return [];
  }
}

export function detectDelimiter(sampleText: string): Delimiter {
  let best: { delimiter: Delimiter; fields: number; consistency: number } | null = null;
  for (const delimiter of DELIMITERS) {
    const records = sampleRecords(sampleText, delimiter, 50).filter((r) => !(r.fields.length === 1 && r.fields[0] === ''));
    const header = records[0];
    if (!header || header.fields.length < 2) continue;
    const same = records.filter((r) => r.fields.length === header.fields.length).length;
    const consistency = same / records.length;
    if (consistency < 0.8) continue;
    if (!best || header.fields.length * consistency > best.fields * best.consistency) {
      best = { delimiter, fields: header.fields.length, consistency };
    }
  }
  return best?.delimiter ?? ',';
}
