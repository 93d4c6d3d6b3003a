/**
 * Evidence files: what a file is, judged by its bytes and never by its name or
 * the browser's declared type. Accepted: PDF, PNG, JPEG, GIF, WebP, OpenDocument
 * and Office Open XML documents (without macros), CSV and plain UTF-8 text.
 * Everything else is refused, HTML and SVG included (text that a browser would
 * run). Pure: no I/O.
 */
import { createHash } from 'node:crypto';
// A leaf module of byte readers with no imports of its own; plan-import does not export it.
import { listZipEntries, readStoredEntry } from '../plan-import/file-signature';

export interface DetectedType {
  contentType: string;
  /** Extension given to the downloaded file, so that it opens with the right program. */
  extension: string;
}

export type EvidenceCheck =
  | { ok: true; value: DetectedType }
  | {
      ok: false;
      error: {
        code: 'indicators.evidence.empty' | 'indicators.evidence.tooLarge' | 'indicators.evidence.refused';
        params?: Record<string, string | number>;
      };
    };

const MIB = 1024 * 1024;

const MAGIC: { bytes: (number | null)[]; type: DetectedType }[] = [
  { bytes: [0x25, 0x50, 0x44, 0x46, 0x2d], type: { contentType: 'application/pdf', extension: 'pdf' } },
  {
    bytes: [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a],
    type: { contentType: 'image/png', extension: 'png' },
  },
  { bytes: [0xff, 0xd8, 0xff], type: { contentType: 'image/jpeg', extension: 'jpg' } },
  { bytes: [0x47, 0x49, 0x46, 0x38, 0x37, 0x61], type: { contentType: 'image/gif', extension: 'gif' } },
  { bytes: [0x47, 0x49, 0x46, 0x38, 0x39, 0x61], type: { contentType: 'image/gif', extension: 'gif' } },
  // RIFF, four bytes of size, then WEBP.
  {
    bytes: [0x52, 0x49, 0x46, 0x46, null, null, null, null, 0x57, 0x45, 0x42, 0x50],
    type: { contentType: 'image/webp', extension: 'webp' },
  },
];

/** Known binaries named in the refusal, so the user understands what happened. */
const REFUSED_MAGIC: { bytes: number[]; detected: string }[] = [
  { bytes: [0x4d, 0x5a], detected: 'EXE' },
  { bytes: [0x7f, 0x45, 0x4c, 0x46], detected: 'ELF' },
  { bytes: [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1], detected: 'OLE' },
  { bytes: [0x1f, 0x8b], detected: 'gzip' },
  { bytes: [0x37, 0x7a, 0xbc, 0xaf, 0x27, 0x1c], detected: '7z' },
  { bytes: [0x52, 0x61, 0x72, 0x21, 0x1a, 0x07], detected: 'RAR' },
];

const ODF_TYPES: Record<string, string> = {
  'application/vnd.oasis.opendocument.text': 'odt',
  'application/vnd.oasis.opendocument.spreadsheet': 'ods',
  'application/vnd.oasis.opendocument.presentation': 'odp',
  'application/vnd.oasis.opendocument.graphics': 'odg',
};
const OOXML_TYPES: { folder: string; type: DetectedType }[] = [
  {
    folder: 'word/',
    type: { contentType: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document', extension: 'docx' },
  },
  {
    folder: 'xl/',
    type: { contentType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', extension: 'xlsx' },
  },
  {
    folder: 'ppt/',
    type: {
      contentType: 'application/vnd.openxmlformats-officedocument.presentationml.presentation',
      extension: 'pptx',
    },
  },
];

/** Markup a browser would render or run if it ever opened the file inline. */
const MARKUP = /<\s*(?:!doctype|html|head|body|script|iframe|svg|object|embed|\?xml)\b/i;

function startsWith(bytes: Uint8Array, prefix: readonly (number | null)[]): boolean {
  return bytes.length >= prefix.length && prefix.every((b, i) => b === null || bytes[i] === b);
}

function refused(detected: string): EvidenceCheck {
  return { ok: false, error: { code: 'indicators.evidence.refused', params: { detected } } };
}

function classifyZip(bytes: Uint8Array): EvidenceCheck {
  const entries = listZipEntries(bytes);
  if (!entries) return refused('ZIP');
  const names = entries.map((e) => e.name);
  // Macros run code when the document opens: a .docm/.xlsm is not evidence we want to hand around.
  if (names.some((n) => /vbaProject\.bin$/i.test(n) || /^Basic\//.test(n))) return refused('macro');
  const mimetypeEntry = entries.find((e) => e.name === 'mimetype');
  if (mimetypeEntry) {
    const content = readStoredEntry(bytes, mimetypeEntry);
    const mimetype = content ? new TextDecoder('utf-8').decode(content).trim() : '';
    const extension = ODF_TYPES[mimetype];
    return extension ? { ok: true, value: { contentType: mimetype, extension } } : refused('ODF');
  }
  if (names.includes('[Content_Types].xml')) {
    const found = OOXML_TYPES.find((o) => names.some((n) => n.startsWith(o.folder)));
    return found && !names.includes('xl/workbook.bin') ? { ok: true, value: found.type } : refused('OOXML');
  }
  return refused('ZIP');
}

/** CSV when the first lines split into the same number (> 1) of fields on one delimiter. */
function looksLikeCsv(text: string): boolean {
  const lines = text
    .split(/\r?\n/)
    .filter((l) => l.trim() !== '')
    .slice(0, 5);
  if (lines.length < 2) return false;
  return [';', ',', '\t'].some((d) => {
    const counts = lines.map((l) => l.split(d).length - 1);
    return counts[0] > 0 && counts.every((c) => c === counts[0]);
  });
}

function classifyText(bytes: Uint8Array): EvidenceCheck {
  if (bytes.includes(0)) return refused('binary');
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    return refused('binary');
  }
  if (MARKUP.test(text.slice(0, 4096)) || /^\uFEFF?\s*</.test(text)) return refused('HTML');
  return looksLikeCsv(text)
    ? { ok: true, value: { contentType: 'text/csv; charset=utf-8', extension: 'csv' } }
    : { ok: true, value: { contentType: 'text/plain; charset=utf-8', extension: 'txt' } };
}

/** Checks an uploaded evidence file: size first, then its type from its bytes. */
export function checkEvidenceFile(bytes: Uint8Array, maxMb: number): EvidenceCheck {
  if (bytes.byteLength === 0) return { ok: false, error: { code: 'indicators.evidence.empty' } };
  if (bytes.byteLength > maxMb * MIB) {
    return { ok: false, error: { code: 'indicators.evidence.tooLarge', params: { maxMb } } };
  }
  for (const m of MAGIC) if (startsWith(bytes, m.bytes)) return { ok: true, value: m.type };
  for (const m of REFUSED_MAGIC) if (startsWith(bytes, m.bytes)) return refused(m.detected);
  if (startsWith(bytes, [0x50, 0x4b, 0x03, 0x04]) || startsWith(bytes, [0x50, 0x4b, 0x05, 0x06])) {
    return classifyZip(bytes);
  }
  return classifyText(bytes);
}

export function sha256Hex(bytes: Uint8Array): string {
  return createHash('sha256').update(bytes).digest('hex');
}

/** The name kept for display: no folders, no control characters, at most 200 characters. */
export function cleanFilename(name: string): string {
  const base = name.split(/[\\/]/).pop() ?? '';
  const clean = base.replace(/[\p{Cc}\p{Cf}"]/gu, '').trim();
  return (clean || 'justificatif').slice(0, 200);
}

/** The downloaded name: the uploaded one, with the extension of what the file really is. */
export function downloadName(filename: string, extension: string): string {
  const stem = filename.replace(/\.[A-Za-z0-9]{1,8}$/, '') || 'justificatif';
  return `${stem}.${extension}`;
}

/** Content-Disposition for any name: an ASCII fallback plus the UTF-8 name (RFC 6266 / 5987). */
export function attachmentHeader(name: string): string {
  const ascii = name
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .replace(/[^\x20-\x7e]|["\\;]/g, '_');
  return `attachment; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(name)}`;
}
