/**
 * A figure (core/chart) as a Sheets embedded chart: its chart type and the chart options
 * (EmbeddedChartBuilder.setOption, the Google Charts configuration options Sheets takes) that draw each
 * series as figure-svg does — the school solid and dark, the district dashed and grey, a threshold dotted.
 * Pure data, so that the adapter stays a few calls and the emulator can check what it is given.
 */
import type { Figure } from '../core/chart';
import { seriesStyle } from './figure-svg';

/** Members of Charts.ChartType the add-on uses. */
export type NativeChartType = 'LINE' | 'COLUMN' | 'BAR' | 'COMBO';

export interface NativeChart {
  type: NativeChartType;
  options: Record<string, unknown>;
}

/** A dash pattern of the SVG («7 4») as Google Charts' lineDashStyle ([7, 4]); none when solid. */
const dashes = (dash: string): number[] | undefined => (dash ? dash.split(' ').map(Number) : undefined);

/**
 * Line: LINE; column: COLUMN, or COMBO when a threshold is a line across; stacked bar: BAR with isStacked;
 * histogram: columns of the counts already binned (Sheets' HISTOGRAM would bin the numbers again), the
 * school's columns and the district's shape as a line (COMBO). The mark boundaries have no native shape:
 * the category axis' title names them («3» от 7 баллов …).
 */
export function nativeChart(figure: Figure): NativeChart {
  const lines = figure.series.map((s, i) =>
    figure.kind === 'line'
      ? true
      : figure.kind === 'histogram'
        ? i > 0 || s.role === 'threshold'
        : figure.kind === 'column'
          ? s.role === 'threshold'
          : false,
  );
  const type: NativeChartType =
    figure.kind === 'line' ? 'LINE' : figure.kind === 'stacked-bar' ? 'BAR' : lines.some(Boolean) ? 'COMBO' : 'COLUMN';
  const series: Record<number, Record<string, unknown>> = {};
  figure.series.forEach((s, i) => {
    const style = seriesStyle(figure, i);
    const one: Record<string, unknown> = { color: lines[i] ? style.color : style.fill };
    if (type === 'COMBO') one.type = lines[i] ? 'line' : 'bars';
    if (lines[i]) {
      one.lineWidth = Math.round(style.width);
      const dash = dashes(style.dash);
      if (dash) one.lineDashStyle = dash;
      one.pointSize = style.marker ? 6 : 0;
      if (style.marker) one.pointShape = style.marker;
    }
    series[i] = one;
  });
  const valueAxis: Record<string, unknown> = {
    title: figure.axis.title,
    // Values are percentages as numbers (27,3 is 27,3 %), not fractions: the sign is text of the format.
    format: figure.axis.percent ? '0.#" %"' : '0.#',
  };
  const window: Record<string, number> = {};
  if (figure.axis.min !== undefined) window.min = figure.axis.min;
  if (figure.axis.max !== undefined) window.max = figure.axis.max;
  if (Object.keys(window).length > 0) valueAxis.viewWindow = window;
  const marks = (figure.marks ?? []).map((m) => `«${m.label}» — от ${figure.categories[m.at] ?? m.at}`).join(', ');
  const categoryAxis: Record<string, unknown> = { title: marks ? `Границы отметок: ${marks}` : '' };
  const options: Record<string, unknown> = {
    title: figure.title,
    width: figure.size.width,
    height: figure.size.height,
    legend: { position: 'bottom' },
    // The first column is the categories (years, scores), even when they are numbers.
    treatLabelsAsText: true,
    series,
    [figure.kind === 'stacked-bar' ? 'hAxis' : 'vAxis']: valueAxis,
    [figure.kind === 'stacked-bar' ? 'vAxis' : 'hAxis']: categoryAxis,
  };
  if (figure.kind === 'stacked-bar') options.isStacked = true;
  if (type === 'COMBO') options.seriesType = 'bars';
  if (figure.kind === 'histogram') options.bar = { groupWidth: '95%' };
  return { type, options };
}
