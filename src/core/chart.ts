/**
 * One description of a figure, drawn three ways: a native chart in Sheets and in the .xlsx (from the data
 * block written beside it), and an image (SVG, then PNG) in the .docx and wherever a native chart cannot be
 * made. Pure data: the numbers the picture shows are the numbers of the tables beside it.
 */
import type { CellValue } from './text';

/**
 * `line`: values over the categories (years); `column`: grouped columns; `stacked-bar`: horizontal bars
 * that add up (marks 2/3/4/5, schools by status); `histogram`: pupils per primary score, with the mark
 * boundaries drawn.
 */
export type FigureKind = 'line' | 'column' | 'stacked-bar' | 'histogram';

/**
 * What a series stands for, so that every renderer draws it the same way and it survives black-and-white
 * printing: the school solid and dark, the district dashed and grey, a threshold a thin dotted line.
 */
export type SeriesRole = 'school' | 'district' | 'region' | 'russia' | 'threshold' | 'part';

export interface FigureSeries {
  /** Russian, as the legend shows it («Школа», «Район», «Порог 15 %», «Отметка «2»»). */
  name: string;
  /** One per category; null where there is no value (a year without results). */
  values: (number | null)[];
  role: SeriesRole;
}

export interface Figure {
  kind: FigureKind;
  /** Shown above the chart («Доля «2», ВПР МА 5»). */
  title: string;
  /** Along the category axis («2024», «2025», «2026» or primary scores «0» … «20»). */
  categories: string[];
  series: FigureSeries[];
  /** The value axis: its title, whether values are percentages (0–100), fixed ends where wanted. */
  axis: { title: string; percent: boolean; min?: number; max?: number };
  /** Lines across the categories (a histogram's lowest score of each mark): category index and label («3»). */
  marks?: { at: number; label: string }[];
  /** Pixels at 96 dpi; the .docx scales to the page's text width when wider. */
  size: { width: number; height: number };
}

/**
 * The figure's data as a block for a sheet: the first row names the series (its first cell empty), then
 * one row per category. This is the block a native chart is drawn from, and what a reader can check the
 * picture against.
 */
export function figureBlock(figure: Figure): CellValue[][] {
  return [
    ['', ...figure.series.map((s) => s.name)],
    ...figure.categories.map((category, i) => [category, ...figure.series.map((s) => s.values[i] ?? null)]),
  ];
}
