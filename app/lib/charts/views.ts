/** The charts as a loader hands them to the page: drawn SVG markup and the numbers behind it. */
import type { ChartSpec } from './chart-spec';
import type { ChartTable } from './page-charts';

export interface ProfileChartView {
  /** What the chart shows, in words (its accessible name and its table's caption). */
  label: string;
  svg: string;
  rows: { label: string; count: number }[];
}

export interface BuilderChartView {
  spec: ChartSpec;
  title: string;
  svg: string;
  /** The numbers drawn, as a table (a scatter plot's first 200 points). */
  table: ChartTable;
  truncated: boolean;
  rows: number;
}

/** A chart pinned to a dataset page; `broken` when the table can no longer draw it. */
export type PinnedChartView = { id: number; resourceName: string; href: string } & ({ broken: true } | { broken?: undefined; title: string; svg: string });

/** A chart of the platform's own figures (entries over time, requests per department, rankings). */
export interface PageChartView {
  /** What the chart shows (its accessible name and its table's caption). */
  label: string;
  svg: string;
  table: ChartTable;
}
