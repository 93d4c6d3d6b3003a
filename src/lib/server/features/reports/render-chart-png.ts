/**
 * Chart SVG -> PNG for formats that cannot hold SVG (DOCX). resvg draws text with
 * the fonts it is given: DejaVu Sans from Debian's fonts-dejavu-core when present
 * (the fonts the HTML and PDF use), the system's fonts otherwise (reference/stack.md §3).
 */
import { existsSync } from 'node:fs';
import { type ResvgRenderOptions, renderAsync } from '@resvg/resvg-js';

const DEJAVU = [
  '/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf',
  '/usr/share/fonts/truetype/dejavu/DejaVuSans-Bold.ttf',
];

let fontOptions: ResvgRenderOptions['font'] | undefined;

function fonts(): ResvgRenderOptions['font'] {
  if (!fontOptions) {
    const files = DEJAVU.filter((f) => existsSync(f));
    // Loading two files is much faster than scanning every system font at each chart.
    fontOptions = files.length
      ? { loadSystemFonts: false, fontFiles: files, defaultFontFamily: 'DejaVu Sans', sansSerifFamily: 'DejaVu Sans' }
      : { loadSystemFonts: true, defaultFontFamily: 'DejaVu Sans', sansSerifFamily: 'DejaVu Sans' };
  }
  return fontOptions;
}

export interface ChartPng {
  png: Uint8Array;
  /** Pixel size of the PNG; its aspect ratio is the chart's. */
  width: number;
  height: number;
}

/** A percentage width means "fill the container" in a page; outside one, the viewBox alone gives the size. */
export function withIntrinsicSize(svg: string): string {
  return svg.replace(
    /<svg\b([^>]*)>/,
    (_m, attrs: string) => `<svg${attrs.replace(/\s(width|height)="[^"]*%"/g, '')}>`,
  );
}

/** 1000 px over the 15.9 cm of a DOCX text column is about 160 dpi: sharp in print, small files. */
export const CHART_PNG_WIDTH = 1000;

const options = (widthPx: number): ResvgRenderOptions => ({
  fitTo: { mode: 'width', value: widthPx },
  background: '#ffffff',
  font: fonts(),
});

/**
 * Renders each distinct SVG chart to a PNG `widthPx` wide on a white background, on libuv's
 * thread pool so that a report's charts use several cores at once.
 */
export async function chartsToPng(svgs: Iterable<string>, widthPx = CHART_PNG_WIDTH): Promise<Map<string, ChartPng>> {
  const unique = [...new Set(svgs)];
  const images = await Promise.all(unique.map((svg) => renderAsync(withIntrinsicSize(svg), options(widthPx))));
  return new Map(
    unique.map((svg, i) => [
      svg,
      { png: new Uint8Array(images[i].asPng()), width: images[i].width, height: images[i].height },
    ]),
  );
}
