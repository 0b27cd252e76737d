/**
 * The charts of the platform's own pages, drawn on the server as SVG with the table of their
 * numbers: a challenge's entries over time (challenge page), requests per department (data
 * requests), the site's last twelve months (home page), and the ranking's rank intervals and the
 * judges' agreement (results). Public figures are counted at most once a minute per process.
 */
import { config } from '~/config.server';
import { builderCategoryLabels, builderChartOption, builderSeriesLabels } from '~/lib/charts/echarts-options';
import { departmentRows, heightForRows, horizontalBarsOption, judgeAgreementOption, rankIntervalOption, seriesTable, stackedOption, timelineData, wholeCountsOption, type JudgeAgreementPoint, type RankedPoint } from '~/lib/charts/page-charts';
import type { PageChartView } from '~/lib/charts/views';
import { ENTRY_KINDS } from '~/lib/vocabulary';
import { createTranslator, type Locale } from '~/lib/i18n';
import { OUTLIER_CORRELATION } from '~/lib/results-display';
import { zoneOffsetMs } from '~/lib/zoned-time';
import { entriesPerDay, monthlyActivity, requestsPerDepartment } from '~/models/activity-charts.server';
import { chartLabels } from './chart-views.server';
import { inlineChartSvg } from './charts.server';
import { memoisedBy } from './memo.server';

const WIDE = 800;
const MINUTE = 60_000;

const siteOffsetMs = (now = new Date()) => zoneOffsetMs(now, config().timeZone);

/** Submitted entries of a challenge over time, stacked by kind; null before the first. */
export const challengeEntriesChart = memoisedBy(MINUTE, 500, async ({ challengeId, locale }: { challengeId: number; locale: Locale }): Promise<PageChartView | null> => {
  const days = (await entriesPerDay(challengeId, siteOffsetMs())).map((d) => ({ day: d.day, series: d.kind, count: d.count }));
  if (days.length === 0) return null;
  const t = createTranslator(locale);
  const labels = chartLabels(t, locale);
  const data = timelineData(days, ENTRY_KINDS);
  const kindName = (kind: string) => t(`kind.${kind as (typeof ENTRY_KINDS)[number]}`);
  const named = { ...data, series: data.series.map((s) => ({ ...s, name: kindName(String(s.name)) })) };
  const text = { title: t('pageChart.entries.title'), xName: t('pageChart.entries.period'), yName: t('pageChart.entries.count') };
  const option = wholeCountsOption(stackedOption(builderChartOption(named, text, labels, { fullSeriesNames: true })));
  const categories = builderCategoryLabels(named, labels);
  return {
    label: text.title,
    svg: inlineChartSvg(option, { width: WIDE, height: 320, label: text.title }),
    table: seriesTable(named, categories, builderSeriesLabels(named, labels, text.yName), text.xName),
  };
}, ({ challengeId, locale }) => `${challengeId}:${locale}`);

/** Requests received and answered per department, the busiest first; null before the first request. */
export const requestsPerDepartmentChart = memoisedBy(MINUTE, 4, async (locale: Locale): Promise<PageChartView | null> => {
  const t = createTranslator(locale);
  const rows = departmentRows(await requestsPerDepartment(), { unassigned: t('pageChart.requests.unassigned'), other: t('chart.other') });
  if (rows.length === 0) return null;
  const series = [t('pageChart.requests.received'), t('pageChart.requests.answered')];
  const text = { title: t('pageChart.requests.title'), valueName: t('pageChart.requests.count') };
  const option = horizontalBarsOption(
    rows.map((r) => ({ name: r.name, values: [r.received, r.answered] })),
    series,
    text,
    chartLabels(t, locale),
  );
  return {
    label: text.title,
    svg: inlineChartSvg(option, { width: WIDE, height: heightForRows(rows.length * 2, 16), label: text.title }),
    table: { head: [t('pageChart.requests.department'), ...series], body: rows.map((r) => [r.name, r.received, r.answered]) },
  };
});

/** The twelve local months up to and including the current one, oldest first (YYYY-MM). */
export function lastTwelveMonths(now: Date, offsetMs: number): string[] {
  const local = new Date(now.getTime() + offsetMs);
  return Array.from({ length: 12 }, (_, i) => {
    const month = new Date(Date.UTC(local.getUTCFullYear(), local.getUTCMonth() - 11 + i, 1));
    return month.toISOString().slice(0, 7);
  });
}

/** The home page's twelve months: datasets published, entries submitted, data requests made. */
export const siteActivityChart = memoisedBy(10 * MINUTE, 4, async (locale: Locale): Promise<PageChartView> => {
  const now = new Date();
  const offset = siteOffsetMs(now);
  const months = lastTwelveMonths(now, offset);
  const [first] = months as [string];
  // The first instant of the first month in the site zone.
  const since = new Date(Date.parse(`${first}-01T00:00:00Z`) - offset);
  const activity = await monthlyActivity(since, offset);
  const t = createTranslator(locale);
  const labels = chartLabels(t, locale);
  const per = (list: { month: string; count: number }[]) => {
    const byMonth = new Map(list.map((m) => [m.month, m.count]));
    return months.map((m) => byMonth.get(m) ?? 0);
  };
  const series = [
    { name: t('pageChart.activity.datasets'), values: per(activity.datasets) },
    { name: t('pageChart.activity.entries'), values: per(activity.entries) },
    { name: t('pageChart.activity.requests'), values: per(activity.requests) },
  ];
  const data = { type: 'bar' as const, categories: months.map((value) => ({ value })), series, truncated: false, rows: 0 };
  const text = { title: t('pageChart.activity.title'), xName: t('pageChart.activity.month'), yName: t('pageChart.activity.count') };
  return {
    label: text.title,
    svg: inlineChartSvg(wholeCountsOption(builderChartOption(data, text, labels, { fullSeriesNames: true })), { width: WIDE, height: 300, label: text.title }),
    table: seriesTable(data, months, series.map((s) => s.name), text.xName),
  };
});

/** The ranking page's dot-and-whisker chart of the entries on the page; null when none is ranked. */
export function rankingChart(rows: readonly { title: string; rank: number | null; rankInterval: { low: number; high: number } | null; normalised: number | null }[], locale: Locale): PageChartView | null {
  const t = createTranslator(locale);
  const untitled = t('entry.untitled');
  const points: (RankedPoint & { normalised: number | null })[] = rows.flatMap((r) =>
    r.rank === null || r.rankInterval === null ? [] : [{ label: r.title || untitled, rank: r.rank, low: r.rankInterval.low, high: r.rankInterval.high, normalised: r.normalised }],
  );
  if (points.length === 0) return null;
  const text = { title: t('pageChart.ranking.title'), xName: t('pageChart.ranking.rank'), rankName: t('pageChart.ranking.rank'), intervalName: t('pageChart.ranking.interval') };
  return {
    label: text.title,
    svg: inlineChartSvg(rankIntervalOption(points, text), { width: WIDE, height: heightForRows(points.length), label: text.title }),
    table: {
      head: [t('results.entry'), t('results.rank'), t('results.rankInterval'), t('results.normalised')],
      body: points.map((p) => [p.label, p.rank, p.low === p.high ? String(p.low) : `${p.low}–${p.high}`, p.normalised === null ? null : Math.round(p.normalised * 100) / 100]),
    },
  };
}

/** Each judge's agreement with the rest of the panel; null when no judge has a figure. */
export function judgeAgreementChart(judges: readonly JudgeAgreementPoint[], locale: Locale): PageChartView | null {
  if (!judges.some((j) => j.correlation !== null)) return null;
  const t = createTranslator(locale);
  const text = { title: t('pageChart.agreement.title'), xName: t('pageChart.agreement.correlation'), thresholdName: t('pageChart.agreement.line') };
  const drawn = judges.filter((j) => j.correlation !== null).length;
  return {
    label: text.title,
    svg: inlineChartSvg(judgeAgreementOption(judges, OUTLIER_CORRELATION, text, chartLabels(t, locale)), { width: WIDE, height: heightForRows(drawn, 30), label: text.title }),
    table: {
      head: [t('judgingAdmin.judge'), text.xName],
      body: judges.map((j) => [j.name, j.correlation === null ? t('pageChart.agreement.none') : Math.round(j.correlation * 100) / 100]),
    },
  };
}
