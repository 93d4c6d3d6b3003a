/**
 * A small, safe Markdown subset for narrative blocks, read into the document
 * model (never into HTML), so every renderer escapes the result its own way.
 *
 * Blocks: paragraphs (separated by a blank line), headings `#` to `###` (all
 * one level below the section), bullet lists (`-`, `*`, `+`) and numbered
 * lists (`1.` or `1)`), flat. Inline: `**strong**`, `*emphasis*` or
 * `_emphasis_`, `[text](address)` for http, https and mailto addresses only,
 * and backslash escapes. Everything else, raw HTML included, is literal text.
 */
import type { Inline, NarrativeBlock } from './document';

const SAFE_HREF = /^(https?:\/\/[^\s<>"]+|mailto:[^\s<>"]+)$/i;

/** Only web and mail links reach a document: no javascript:, data:, file: or relative URLs. */
export function isSafeHref(href: string): boolean {
  return SAFE_HREF.test(href.trim());
}

const HEADING = /^#{1,3}\s+(.*?)\s*#*\s*$/;
const BULLET = /^\s{0,3}[-*+]\s+(.*)$/;
const NUMBERED = /^\s{0,3}\d{1,9}[.)]\s+(.*)$/;
const ESCAPABLE = /[\\`*_{}[\]()#+\-.!<>]/;

export function parseMarkdown(markdown: string): NarrativeBlock[] {
  const blocks: NarrativeBlock[] = [];
  let paragraphLines: string[] = [];
  let list: { ordered: boolean; items: string[] } | null = null;

  const flushParagraph = () => {
    const content = paragraphLines.join(' ').trim();
    if (content) blocks.push({ kind: 'paragraph', runs: parseInline(content) });
    paragraphLines = [];
  };
  const flushList = () => {
    if (list) blocks.push({ kind: 'list', ordered: list.ordered, items: list.items.map((i) => parseInline(i.trim())) });
    list = null;
  };

  for (const line of markdown.replace(/\r\n?/g, '\n').split('\n')) {
    if (!line.trim()) {
      flushParagraph();
      flushList();
      continue;
    }
    const heading = HEADING.exec(line);
    if (heading) {
      flushParagraph();
      flushList();
      if (heading[1]) blocks.push({ kind: 'subheading', text: inlineText(heading[1]) });
      continue;
    }
    const bullet = BULLET.exec(line);
    const numbered = bullet ? null : NUMBERED.exec(line);
    const item = bullet ?? numbered;
    if (item) {
      flushParagraph();
      const ordered = numbered !== null;
      if (list && list.ordered !== ordered) flushList();
      list ??= { ordered, items: [] };
      list.items.push(item[1]);
      continue;
    }
    // A line that is not an item continues the open item, or the paragraph.
    if (list) list.items[list.items.length - 1] += ` ${line.trim()}`;
    else paragraphLines.push(line.trim());
  }
  flushParagraph();
  flushList();
  return blocks;
}

/** The text of inline Markdown without its marks (for headings). */
function inlineText(source: string): string {
  return parseInline(source)
    .map((r) => r.text)
    .join('');
}

export function parseInline(source: string): Inline[] {
  const runs: Inline[] = [];
  let buffer = '';
  const push = (run: Inline) => {
    if (buffer) runs.push({ kind: 'text', text: buffer });
    buffer = '';
    runs.push(run);
  };

  let i = 0;
  while (i < source.length) {
    const c = source[i];
    if (c === '\\' && i + 1 < source.length && ESCAPABLE.test(source[i + 1])) {
      buffer += source[i + 1];
      i += 2;
      continue;
    }
    if (c === '*' && source[i + 1] === '*') {
      const end = source.indexOf('**', i + 2);
      if (end > i + 2) {
        push({ kind: 'strong', text: unescapeMarks(source.slice(i + 2, end)) });
        i = end + 2;
        continue;
      }
    }
    if ((c === '*' || c === '_') && source[i + 1] && !/\s/.test(source[i + 1])) {
      const end = findClosing(source, c, i + 1);
      if (end > i + 1 && (c === '*' || !/\w/.test(source[end + 1] ?? ''))) {
        push({ kind: 'emphasis', text: unescapeMarks(source.slice(i + 1, end)) });
        i = end + 1;
        continue;
      }
    }
    if (c === '[') {
      const close = source.indexOf('](', i + 1);
      const end = close < 0 ? -1 : closingParen(source, close + 2);
      if (close > i + 1 && end > close + 2) {
        const label = unescapeMarks(source.slice(i + 1, close));
        const href = source.slice(close + 2, end).trim();
        // An unsafe address (javascript:, data:...) keeps its label and loses the link.
        push(isSafeHref(href) ? { kind: 'link', text: label, href } : { kind: 'text', text: label });
        i = end + 1;
        continue;
      }
    }
    buffer += c;
    i++;
  }
  if (buffer) runs.push({ kind: 'text', text: buffer });
  return mergeText(runs);
}

/** The `)` that closes a link's address, counting the parentheses inside it. */
function closingParen(source: string, from: number): number {
  let depth = 0;
  for (let j = from; j < source.length; j++) {
    if (source[j] === '(') depth++;
    else if (source[j] === ')' && depth-- === 0) return j;
  }
  return -1;
}

/** The next `mark` not preceded by a space or a backslash. */
function findClosing(source: string, mark: string, from: number): number {
  for (let j = from; j < source.length; j++) {
    if (source[j] === '\\') {
      j++;
      continue;
    }
    if (source[j] === mark && !/\s/.test(source[j - 1]) && source[j + 1] !== mark) return j;
  }
  return -1;
}

function unescapeMarks(s: string): string {
  return s.replace(/\\(.)/g, (m, ch: string) => (ESCAPABLE.test(ch) ? ch : m));
}

function mergeText(runs: Inline[]): Inline[] {
  const out: Inline[] = [];
  for (const run of runs) {
    const last = out[out.length - 1];
    if (run.kind === 'text' && last?.kind === 'text')
      out[out.length - 1] = { kind: 'text', text: last.text + run.text };
    else if (run.text) out.push(run);
  }
  return out;
}
