// PNG needs a rasteriser: the SVG export is rendered by headless Chromium (playwright-core, already
// installed for the e2e tests) and screenshotted. Node only; the renderer can rasterise on its own canvas.

export class PngUnavailableError extends Error {
  override name = 'PngUnavailableError';
}

const MAX_SIDE = 16_000;

function svgSize(svg: string): { w: number; h: number } {
  const m = /<svg[^>]*\swidth="([\d.]+)"[^>]*\sheight="([\d.]+)"/.exec(svg);
  return m ? { w: Math.ceil(Number(m[1])), h: Math.ceil(Number(m[2])) } : { w: 800, h: 600 };
}

/** Renders a standalone SVG to PNG bytes. Throws PngUnavailableError when no Chromium can be started. */
export async function svgToPng(svg: string, options: { executablePath?: string } = {}): Promise<Uint8Array> {
  const executablePath = options.executablePath ?? process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
  let chromium: typeof import('playwright-core').chromium;
  try {
    ({ chromium } = await import('playwright-core'));
  } catch (e) {
    throw new PngUnavailableError(`PNG export needs playwright-core, which is not installed (${(e as Error).message})`);
  }
  let browser: Awaited<ReturnType<typeof chromium.launch>>;
  try {
    browser = await chromium.launch({ executablePath, args: ['--no-sandbox', '--disable-gpu'] });
  } catch (e) {
    const first = String((e as Error).message).split('\n', 1)[0];
    throw new PngUnavailableError(`PNG export needs Chromium at ${executablePath} (set CHROMIUM_PATH): ${first}`);
  }
  try {
    const { w, h } = svgSize(svg);
    // Twice the pixels for readable labels, unless that would pass Chromium's texture limits.
    const scale = Math.max(w, h) * 2 <= MAX_SIDE ? 2 : 1;
    const width = Math.min(w, MAX_SIDE);
    const height = Math.min(h, MAX_SIDE);
    const page = await browser.newPage({ viewport: { width, height }, deviceScaleFactor: scale });
    const body = svg.replace(/^<\?xml[^>]*>\s*/, '');
    await page.setContent(`<!doctype html><html><head><style>html,body{margin:0;background:#fff}</style></head><body>${body}</body></html>`);
    const png = await page.locator('svg').first().screenshot({ type: 'png', timeout: 30_000 });
    return new Uint8Array(png);
  } finally {
    await browser.close();
  }
}
