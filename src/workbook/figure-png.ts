/**
 * A figure as a PNG (for the .docx and for a .xlsx picture): its SVG (figure-svg) drawn by resvg. resvg draws
 * text only with font files it is given: PT Sans (ParaType, OFL 1.1, made for Cyrillic) comes with the
 * package `@expo-google-fonts/pt-sans` and is loaded explicitly, never the machine's fonts, so a picture is
 * the same on every machine and never shows empty boxes for Russian letters.
 */
import { createRequire } from 'node:module';
import { Resvg, renderAsync, type ResvgRenderOptions } from '@resvg/resvg-js';
import type { Figure } from '../core/chart';
import { FIGURE_FONT, figureSvg } from './figure-svg';

const FONT_PACKAGE = '@expo-google-fonts/pt-sans';

let fonts: string[] | null = null;

/** The font files, resolved from this module (the CLI bundle and the sources alike). */
export function figureFontFiles(): string[] {
  if (!fonts) {
    const req = createRequire(import.meta.url);
    fonts = [`${FONT_PACKAGE}/400Regular/PTSans_400Regular.ttf`, `${FONT_PACKAGE}/700Bold/PTSans_700Bold.ttf`].map((f) => req.resolve(f));
  }
  return fonts;
}

export interface FigurePng {
  png: Buffer;
  /** Pixels of the picture (figure.size × scale). */
  width: number;
  height: number;
}

function renderOptions(scale: number): ResvgRenderOptions {
  return {
    font: { loadSystemFonts: false, fontFiles: figureFontFiles(), defaultFontFamily: FIGURE_FONT, sansSerifFamily: FIGURE_FONT },
    fitTo: { mode: 'zoom', value: scale },
    background: '#ffffff',
    logLevel: 'off',
  };
}

/** Draws the figure at `scale` × its size (2 by default: crisp when a document shows it at its size). */
export function figurePng(figure: Figure, options: { scale?: number; title?: boolean } = {}): FigurePng {
  const image = new Resvg(figureSvg(figure, { title: options.title }), renderOptions(options.scale ?? 2)).render();
  return { png: image.asPng(), width: image.width, height: image.height };
}

/** The same off the main thread (libuv's pool): many figures of a document are drawn side by side. */
export async function figurePngAsync(figure: Figure, options: { scale?: number; title?: boolean } = {}): Promise<FigurePng> {
  const image = await renderAsync(figureSvg(figure, { title: options.title }), renderOptions(options.scale ?? 2));
  return { png: image.asPng(), width: image.width, height: image.height };
}
