import { error, redirect } from '@sveltejs/kit';
import type { SessionUser } from './features/auth';
import { log } from './log';

/** Cookie holding the language chosen with the switch. */
export const LOCALE_COOKIE = 'trj_locale';

/** The signed-in user, or a redirect to the login page (back to where they were going). */
export function requireUser(locals: App.Locals, url: URL): SessionUser {
  if (!locals.user) {
    const next = url.pathname + url.search;
    redirect(303, `/login?next=${encodeURIComponent(next)}`);
  }
  return locals.user;
}

/** Refuses with 403 unless the predicate holds; the page shows a translated message. */
export function requireThat(allowed: boolean): void {
  if (!allowed) error(403, 'errors.forbidden');
}

/** Same answer for "does not exist" and "not yours" (no existence leak). */
export function notFound(): never {
  error(404, 'errors.notFound');
}

const MIB = 1024 * 1024;
/** Room for the multipart envelope and the few fields around the file itself. */
const FORM_OVERHEAD_BYTES = 64 * 1024;

export type UploadedFile =
  | { ok: true; form: FormData; filename: string; bytes: Uint8Array }
  | { ok: false; error: string; params: Record<string, string | number> };

/**
 * The file of an upload form (field `file`), refused without reading a body
 * whose declared length is over `maxMb`, and refused when empty or too large.
 * Error codes are i18n keys of the import pages.
 */
export async function readUploadedFile(
  request: Request,
  locals: App.Locals,
  maxMb: number,
  fallbackName: string,
): Promise<UploadedFile> {
  const refuse = (error: string, params: Record<string, string | number> = {}): UploadedFile => ({
    ok: false,
    error,
    params,
  });
  if (Number(request.headers.get('content-length') ?? 0) > maxMb * MIB + FORM_OVERHEAD_BYTES) {
    return refuse('import.file.tooLarge', { maxMb });
  }
  let form: FormData;
  try {
    form = await request.formData();
  } catch (e) {
    // Most often the server's own body limit (BODY_SIZE_LIMIT of the Node adapter) is below UPLOAD_MAX_MB.
    log('warn', 'upload form unreadable', {
      requestId: locals.requestId,
      contentLength: request.headers.get('content-length'),
      error: String(e),
    });
    return refuse('import.ui.upload.unreadableForm', { maxMb });
  }
  const file = form.get('file');
  if (!(file instanceof File) || file.size === 0) return refuse('import.file.empty');
  if (file.size > maxMb * MIB) return refuse('import.file.tooLarge', { maxMb });
  return { ok: true, form, filename: file.name || fallbackName, bytes: new Uint8Array(await file.arrayBuffer()) };
}

/** A decimal typed with a French or English separator ("12,5", "1 234.50") -> number; NaN when it is not one. */
export function decimalOf(raw: FormDataEntryValue | null): number {
  const text = String(raw ?? '')
    .trim()
    .replace(/\s/g, '')
    .replace(',', '.');
  return text === '' || !/^-?\d+(\.\d+)?$/.test(text) ? Number.NaN : Number(text);
}
