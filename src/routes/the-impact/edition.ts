import { editionSchema } from '$lib/server/features/the-impact';
import { notFound } from '$lib/server/web';

/** The edition year of a path, or the not-found page. */
export function editionOf(param: string): number {
  const parsed = editionSchema.safeParse(param);
  if (!parsed.success) notFound();
  return parsed.data;
}
