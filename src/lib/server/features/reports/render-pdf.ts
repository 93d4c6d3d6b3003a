/**
 * PDF renderer. Chromium (Debian's, through playwright-core) prints the same HTML
 * as the download: a tagged PDF with an outline from the headings and page
 * numbers. One browser is launched on first use and reused (about 1 s to launch,
 * under 2 s a PDF when warm: reference/stack.md §4); `closePdfBrowser` ends it.
 * When Chromium is not installed, pdfmake draws the same document (untagged):
 * the result says which engine ran, so the interface can tell the reader.
 * Nothing is ever downloaded: every request the page makes is refused.
 */
import { existsSync } from 'node:fs';
import type { Browser } from 'playwright-core';
import { log } from '../../log';
import type { ReportDocument } from './document';
import { RENDER_LABELS } from './document-labels';
import { escapeHtml, renderHtmlDocument } from './render-html';
import { renderPdfWithPdfmake } from './render-pdf-pdfmake';

export const DEFAULT_CHROMIUM_PATH = '/usr/bin/chromium';

export type PdfEngine = 'chromium' | 'pdfmake';

export interface PdfOptions {
  /** 'auto' (default): Chromium when its executable exists, pdfmake otherwise. */
  engine?: PdfEngine | 'auto';
  /** The Chromium executable; the caller passes config's CHROMIUM_PATH when set. */
  chromiumPath?: string;
}

export interface RenderedPdf {
  bytes: Uint8Array;
  engine: PdfEngine;
}

/** Debian's Chromium as root needs --no-sandbox; the rest keeps it from calling home (stack.md trap T6). */
const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-dev-shm-usage',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--disable-extensions',
];

let browser: { path: string; promise: Promise<Browser> } | null = null;

export function isChromiumAvailable(path = DEFAULT_CHROMIUM_PATH): boolean {
  return existsSync(path);
}

export async function renderPdf(doc: ReportDocument, options: PdfOptions = {}): Promise<RenderedPdf> {
  const path = options.chromiumPath ?? DEFAULT_CHROMIUM_PATH;
  const engine = options.engine ?? 'auto';
  if (engine === 'pdfmake' || (engine === 'auto' && !isChromiumAvailable(path)))
    return { bytes: await renderPdfWithPdfmake(doc), engine: 'pdfmake' };
  if (engine === 'auto') {
    // An executable that cannot start (a broken install, a sandbox refusing it) is as good as absent.
    const started = await sharedBrowser(path).then(
      () => true,
      (error: unknown) => {
        log('warn', 'reports.pdf.chromiumUnavailable', { path, error: String(error).split('\n')[0] });
        return false;
      },
    );
    if (!started) return { bytes: await renderPdfWithPdfmake(doc), engine: 'pdfmake' };
  }
  return { bytes: await printWithChromium(doc, path), engine: 'chromium' };
}

/** Closes the shared browser (tests, CLI, server shutdown); the next PDF launches a new one. */
export async function closePdfBrowser(): Promise<void> {
  const current = browser;
  browser = null;
  if (current) await (await current.promise.catch(() => null))?.close();
}

function sharedBrowser(path: string): Promise<Browser> {
  if (browser?.path === path) return browser.promise;
  const previous = browser;
  // Loaded on first use: a server that never prints a PDF never loads playwright-core.
  const promise = import('playwright-core').then(({ chromium }) =>
    chromium.launch({ executablePath: path, args: CHROMIUM_ARGS, headless: true }),
  );
  const entry = { path, promise };
  browser = entry;
  // A browser for another executable (tests) is closed; a crashed or failed one is forgotten, so the next call relaunches.
  if (previous) void previous.promise.then((b) => b.close()).catch(() => undefined);
  promise.then(
    (b) =>
      b.on('disconnected', () => {
        if (browser === entry) browser = null;
      }),
    () => {
      if (browser === entry) browser = null;
    },
  );
  return promise;
}

async function printWithChromium(doc: ReportDocument, path: string): Promise<Uint8Array> {
  const context = await (await sharedBrowser(path)).newContext({ javaScriptEnabled: false, offline: true });
  try {
    const page = await context.newPage();
    await page.route('**/*', (route) => route.abort());
    await page.setContent(renderHtmlDocument(doc, { openDetails: true }), { waitUntil: 'load' });
    const pdf = await page.pdf({
      format: 'A4',
      tagged: true,
      outline: true,
      printBackground: true,
      preferCSSPageSize: true,
      displayHeaderFooter: true,
      headerTemplate: headerTemplate(doc),
      footerTemplate: footerTemplate(doc),
    });
    return new Uint8Array(pdf);
  } finally {
    await context.close();
  }
}

// Chromium's header and footer live outside the page: only inline styles reach them (no CSP applies to a PDF).
const MARGIN_BOX = "font-family:'DejaVu Sans',sans-serif;font-size:8px;color:#555;width:100%;padding:0 16mm;";

function headerTemplate(doc: ReportDocument): string {
  return `<div style="${MARGIN_BOX}text-align:right">${escapeHtml(`${doc.meta.institution} — ${doc.title}`)}</div>`;
}

function footerTemplate(doc: ReportDocument): string {
  const l = RENDER_LABELS[doc.lang];
  return `<div style="${MARGIN_BOX}text-align:center">${l.page} <span class="pageNumber"></span> ${l.of} <span class="totalPages"></span></div>`;
}
