import type { BoundaryFeatureInput } from './geojson-source.server';

/** What every file reader produces: a header and data records, read lazily. */
export interface SourceRecord {
  /** Where the record is in the file, for messages: a line (CSV), row (XLSX) or item (JSON). */
  position: number;
  cells: (string | null)[];
}

export interface TableSource {
  /** The header row (CSV, XLSX) or the first object's keys (JSON). */
  header: (string | null)[];
  /** Records after the header, in batches (one per chunk read, to keep per-record overhead low). */
  batches: AsyncIterable<SourceRecord[]>;
  /** What the positions count, for messages. */
  positionUnit: 'line' | 'row' | 'item';
  encoding?: string;
  delimiter?: string;
  /** GeoJSON polygons: the boundaries kept beside the table (one per feature, in record order). */
  boundaries?: BoundaryFeatureInput[];
  /** Releases the file, whether or not every record was read. */
  close(): void;
}

/** Bytes of the file read so far, reported as the import goes. */
export type ProgressListener = (bytesRead: number) => void;
