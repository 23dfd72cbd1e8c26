// SVG to PNG with resvg (a Rust renderer shipped as prebuilt Node binaries: no canvas, cairo or
// browser to install). Text is drawn with the DejaVu Sans files of the dejavu-fonts-ttf package
// and never with system fonts, so a fresh machine or container without any font installed renders
// the same labels, and renders do not pay for scanning the system's font folders. A render takes
// about 0.1 s of CPU; renderAsync does it on libuv's thread pool, so requests are served meanwhile.
// resvg (a native library of several MB) is loaded at the first chart, not at start: most
// processes never draw one, and a start should not pay for it in time or memory.

import { createRequire } from 'node:module';
import { CHART_FONT } from './ttrChartSvg.js';

const require = createRequire(import.meta.url);
const FONT_FILES = ['dejavu-fonts-ttf/ttf/DejaVuSans.ttf', 'dejavu-fonts-ttf/ttf/DejaVuSans-Bold.ttf'];

/** Rasterize at `scale` times the SVG's size (2: sharp on high-density screens). */
export async function pngFromSvg(svg: string, scale = 2): Promise<Buffer> {
  const { renderAsync } = await import('@resvg/resvg-js');
  const image = await renderAsync(svg, {
    font: { loadSystemFonts: false, fontFiles: FONT_FILES.map((file) => require.resolve(file)), defaultFontFamily: CHART_FONT },
    fitTo: { mode: 'zoom', value: scale },
  });
  return image.asPng();
}
