import type { Locale } from '$lib/i18n';
import type { SessionUser } from '$lib/server/features/auth';

declare global {
  namespace App {
    interface Locals {
      locale: Locale;
      user: SessionUser | null;
      requestId: string;
    }
    interface Error {
      message: string;
      requestId?: string;
    }
  }
}
