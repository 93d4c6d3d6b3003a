/**
 * What a file is, judged by its bytes and never by its name: a user can call
 * anything "plan.xlsx". Also lists a ZIP's entries from its central directory
 * without inflating anything, so a zip bomb is refused before SheetJS sees it.
 */

export type FileSignature =
  | { kind: 'zip' }
  | { kind: 'ole' }
  | { kind: 'utf16' }
  | { kind: 'text' }
  | { kind: 'refused'; detected: string };

interface MagicNumber {
  detected: string;
  bytes: number[];
}

/** File types we know we cannot read; the label is shown to the user. */
const REFUSED_MAGIC_NUMBERS: MagicNumber[] = [
  { detected: 'PDF', bytes: [0x25, 0x50, 0x44, 0x46] },
  { detected: 'PNG', bytes: [0x89, 0x50, 0x4e, 0x47] },
  { detected: 'JPEG', bytes: [0xff, 0xd8, 0xff] },
  { detected: 'GIF', bytes: [0x47, 0x49, 0x46, 0x38] },
  { detected: 'ELF', bytes: [0x7f, 0x45, 0x4c, 0x46] },
  { detected: 'gzip', bytes: [0x1f, 0x8b] },
  { detected: '7z', bytes: [0x37, 0x7a, 0xbc, 0xaf, 0x27, 0x1c] },
  { detected: 'RAR', bytes: [0x52, 0x61, 0x72, 0x21, 0x1a, 0x07] },
];
const ZIP_LOCAL_HEADER = [0x50, 0x4b, 0x03, 0x04];
const ZIP_EMPTY_ARCHIVE = [0x50, 0x4b, 0x05, 0x06];
const OLE_COMPOUND_FILE = [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1];
const UTF16_LE_BOM = [0xff, 0xfe];
const UTF16_BE_BOM = [0xfe, 0xff];

function startsWith(bytes: Uint8Array, prefix: number[]): boolean {
  return bytes.length >= prefix.length && prefix.every((b, i) => bytes[i] === b);
}

export function sniffSignature(bytes: Uint8Array): FileSignature {
  for (const magic of REFUSED_MAGIC_NUMBERS) {
    if (startsWith(bytes, magic.bytes)) return { kind: 'refused', detected: magic.detected };
  }
  if (startsWith(bytes, ZIP_LOCAL_HEADER) || startsWith(bytes, ZIP_EMPTY_ARCHIVE)) return { kind: 'zip' };
  if (startsWith(bytes, OLE_COMPOUND_FILE)) return { kind: 'ole' };
  if (startsWith(bytes, UTF16_LE_BOM) || startsWith(bytes, UTF16_BE_BOM)) return { kind: 'utf16' };
  // Text never holds NUL; binaries almost always do within their first bytes.
  if (bytes.includes(0)) return { kind: 'refused', detected: 'binary' };
  return { kind: 'text' };
}

export interface ZipEntry {
  name: string;
  /** 0 = stored, 8 = deflated. */
  method: number;
  compressedSize: number;
  uncompressedSize: number;
  localHeaderOffset: number;
}

const EOCD_SIGNATURE = 0x06054b50;
const CENTRAL_ENTRY_SIGNATURE = 0x02014b50;
const LOCAL_ENTRY_SIGNATURE = 0x04034b50;
const EOCD_MIN_BYTES = 22;
const MAX_ZIP_COMMENT_BYTES = 0xffff;
/** ZIP64 markers: a real spreadsheet under 10 MiB never needs them. */
const ZIP64_U16 = 0xffff;
const ZIP64_U32 = 0xffffffff;

/** Entries of a ZIP archive, or null when the archive is truncated or malformed. */
export function listZipEntries(bytes: Uint8Array): ZipEntry[] | null {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const lowest = Math.max(0, bytes.length - EOCD_MIN_BYTES - MAX_ZIP_COMMENT_BYTES);
  let eocd = -1;
  for (let at = bytes.length - EOCD_MIN_BYTES; at >= lowest; at--) {
    if (view.getUint32(at, true) === EOCD_SIGNATURE) {
      eocd = at;
      break;
    }
  }
  if (eocd < 0) return null;
  const count = view.getUint16(eocd + 10, true);
  const directorySize = view.getUint32(eocd + 12, true);
  const directoryOffset = view.getUint32(eocd + 16, true);
  if (count === ZIP64_U16 || directoryOffset === ZIP64_U32) return null;
  if (directoryOffset + directorySize > eocd) return null;

  const entries: ZipEntry[] = [];
  const names = new TextDecoder('utf-8');
  let at = directoryOffset;
  for (let i = 0; i < count; i++) {
    if (at + 46 > eocd || view.getUint32(at, true) !== CENTRAL_ENTRY_SIGNATURE) return null;
    const nameLength = view.getUint16(at + 28, true);
    const extraLength = view.getUint16(at + 30, true);
    const commentLength = view.getUint16(at + 32, true);
    const entry: ZipEntry = {
      method: view.getUint16(at + 10, true),
      compressedSize: view.getUint32(at + 20, true),
      uncompressedSize: view.getUint32(at + 24, true),
      localHeaderOffset: view.getUint32(at + 42, true),
      name: names.decode(bytes.subarray(at + 46, at + 46 + nameLength)),
    };
    if (entry.uncompressedSize === ZIP64_U32 || entry.localHeaderOffset >= directoryOffset) return null;
    entries.push(entry);
    at += 46 + nameLength + extraLength + commentLength;
  }
  return entries;
}

/** Content of a stored (uncompressed) entry, such as an OpenDocument `mimetype`; null otherwise. */
export function readStoredEntry(bytes: Uint8Array, entry: ZipEntry): Uint8Array | null {
  if (entry.method !== 0) return null;
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const at = entry.localHeaderOffset;
  if (at + 30 > bytes.length || view.getUint32(at, true) !== LOCAL_ENTRY_SIGNATURE) return null;
  const start = at + 30 + view.getUint16(at + 26, true) + view.getUint16(at + 28, true);
  const end = start + entry.compressedSize;
  return end <= bytes.length ? bytes.subarray(start, end) : null;
}

const ODS_MIMETYPE = 'application/vnd.oasis.opendocument.spreadsheet';
const ODF_MIMETYPE_LABELS: Record<string, string> = {
  'application/vnd.oasis.opendocument.text': 'ODT',
  'application/vnd.oasis.opendocument.presentation': 'ODP',
};

export type ZipKind = { kind: 'xlsx' } | { kind: 'ods' } | { kind: 'refused'; detected: string };

/** Tells an Office Open XML or OpenDocument spreadsheet from any other ZIP (docx, jar, plain archive). */
export function classifyZip(bytes: Uint8Array, entries: ZipEntry[]): ZipKind {
  const names = new Set(entries.map((e) => e.name));
  const hasPrefix = (prefix: string) => entries.some((e) => e.name.startsWith(prefix));
  if (names.has('[Content_Types].xml')) {
    // XLSB is binary XLSX; rare, and a larger parsing surface than it is worth.
    if (names.has('xl/workbook.bin')) return { kind: 'refused', detected: 'XLSB' };
    if (hasPrefix('xl/')) return { kind: 'xlsx' };
    if (hasPrefix('word/')) return { kind: 'refused', detected: 'DOCX' };
    if (hasPrefix('ppt/')) return { kind: 'refused', detected: 'PPTX' };
    return { kind: 'refused', detected: 'OOXML' };
  }
  const mimetypeEntry = entries.find((e) => e.name === 'mimetype');
  if (mimetypeEntry) {
    const content = readStoredEntry(bytes, mimetypeEntry);
    const mimetype = content ? new TextDecoder('utf-8').decode(content).trim() : '';
    if (mimetype === ODS_MIMETYPE) return { kind: 'ods' };
    return { kind: 'refused', detected: ODF_MIMETYPE_LABELS[mimetype] ?? 'ODF' };
  }
  if (names.has('META-INF/MANIFEST.MF')) return { kind: 'refused', detected: 'JAR' };
  return { kind: 'refused', detected: 'ZIP' };
}
