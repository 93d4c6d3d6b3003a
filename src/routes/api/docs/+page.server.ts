import type { PageServerLoad } from './$types';

/** Public like the OpenAPI document it introduces: it holds no data. */
export const load: PageServerLoad = ({ url }) => ({ origin: url.origin });
