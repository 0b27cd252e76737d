/**
 * Renders ECharts options on the server: to an SVG string that arrives with the page (works
 * without JavaScript, and no chart library is sent to the browser), and to PNG for downloads.
 * See docs/decisions/011-charts-and-maps.md.
 */
import { Resvg } from '@resvg/resvg-js';
import * as echarts from 'echarts';
import { escapeHtml } from '~/lib/text';

export interface SvgOptions {
  width: number;
  height: number;
  /** What the chart shows, for people who cannot see it (the SVG's accessible name). */
  label: string;
}

/** The chart as a standalone SVG document (a download: keeps ECharts' hover styles). */
export function renderChartSvg(option: Record<string, unknown>, size: { width: number; height: number }): string {
  const chart = echarts.init(null, null, { renderer: 'svg', ssr: true, width: size.width, height: size.height });
  try {
    chart.setOption(option);
    return chart.renderToSVGString();
  } finally {
    chart.dispose();
  }
}

/**
 * The chart as markup for a page: scales to its container, named for screen readers, and without
 * the embedded <style> (hover effects only) that the pages' Content-Security-Policy would refuse.
 */
export function inlineChartSvg(option: Record<string, unknown>, options: SvgOptions): string {
  const svg = renderChartSvg(option, options).replace(/<style[\s\S]*?<\/style>/g, '');
  return svg.replace(
    /^<svg width="\d+" height="\d+"/,
    `<svg role="img" aria-label="${escapeHtml(options.label)}" preserveAspectRatio="xMinYMin meet" class="h-auto w-full max-w-full"`,
  );
}

/** The SVG as a PNG at twice its size (sharp on high-density screens and in documents). */
export function svgToPng(svg: string): Uint8Array<ArrayBuffer> {
  const rendered = new Resvg(svg, { fitTo: { mode: 'zoom', value: 2 }, background: '#ffffff', font: { loadSystemFonts: true, defaultFontFamily: 'WenQuanYi Micro Hei' } }).render();
  // A plain Uint8Array: what crosses from the worker thread either way.
  return new Uint8Array(rendered.asPng());
}
