/**
 * French-first i18n. Messages are flat JSON files per area under messages/<locale>/,
 * keyed semantically ("plan.action.status.done"). Placeholders are written {name};
 * plurals use a small ICU subset: {count, plural, one {# action} other {# actions}}.
 * A test fails when a locale misses a key or a placeholder.
 */
import enAdmin from '../../messages/en/admin.json';
import enApi from '../../messages/en/api.json';
import enAwareness from '../../messages/en/awareness.json';
import enCommon from '../../messages/en/common.json';
import enDashboard from '../../messages/en/dashboard.json';
import enEngagement from '../../messages/en/engagement.json';
import enEvents from '../../messages/en/events.json';
import enExport from '../../messages/en/export.json';
import enFund from '../../messages/en/fund.json';
import enIdeas from '../../messages/en/ideas.json';
import enImportFile from '../../messages/en/import-file.json';
import enImportPlan from '../../messages/en/import-plan.json';
import enImportUi from '../../messages/en/import-ui.json';
import enIndicators from '../../messages/en/indicators.json';
import enLabel from '../../messages/en/label.json';
import enMy from '../../messages/en/my.json';
import enNotifications from '../../messages/en/notifications.json';
import enPartners from '../../messages/en/partners.json';
import enPeople from '../../messages/en/people.json';
import enPlan from '../../messages/en/plan.json';
import enPortal from '../../messages/en/portal.json';
import enProgress from '../../messages/en/progress.json';
import enRecordImport from '../../messages/en/record-import.json';
import enReporting from '../../messages/en/reporting.json';
import enReports from '../../messages/en/reports.json';
import enResearch from '../../messages/en/research.json';
import enSdg from '../../messages/en/sdg.json';
import enTeaching from '../../messages/en/teaching.json';
import enTheImpact from '../../messages/en/the-impact.json';
import enTravel from '../../messages/en/travel.json';
import enTravelDashboard from '../../messages/en/travel-dashboard.json';
import enTravelImport from '../../messages/en/travel-import.json';
import enTravelMobility from '../../messages/en/travel-mobility.json';
import enTravelPlaces from '../../messages/en/travel-places.json';
import enTravelSettings from '../../messages/en/travel-settings.json';
import enTrips from '../../messages/en/trips.json';
import enTripsExport from '../../messages/en/trips-export.json';
import enTripsFormats from '../../messages/en/trips-formats.json';
import enTripsImport from '../../messages/en/trips-import.json';
import frAdmin from '../../messages/fr/admin.json';
import frApi from '../../messages/fr/api.json';
import frAwareness from '../../messages/fr/awareness.json';
import frCommon from '../../messages/fr/common.json';
import frDashboard from '../../messages/fr/dashboard.json';
import frEngagement from '../../messages/fr/engagement.json';
import frEvents from '../../messages/fr/events.json';
import frExport from '../../messages/fr/export.json';
import frFund from '../../messages/fr/fund.json';
import frIdeas from '../../messages/fr/ideas.json';
import frImportFile from '../../messages/fr/import-file.json';
import frImportPlan from '../../messages/fr/import-plan.json';
import frImportUi from '../../messages/fr/import-ui.json';
import frIndicators from '../../messages/fr/indicators.json';
import frLabel from '../../messages/fr/label.json';
import frMy from '../../messages/fr/my.json';
import frNotifications from '../../messages/fr/notifications.json';
import frPartners from '../../messages/fr/partners.json';
import frPeople from '../../messages/fr/people.json';
import frPlan from '../../messages/fr/plan.json';
import frPortal from '../../messages/fr/portal.json';
import frProgress from '../../messages/fr/progress.json';
import frRecordImport from '../../messages/fr/record-import.json';
import frReporting from '../../messages/fr/reporting.json';
import frReports from '../../messages/fr/reports.json';
import frResearch from '../../messages/fr/research.json';
import frSdg from '../../messages/fr/sdg.json';
import frTeaching from '../../messages/fr/teaching.json';
import frTheImpact from '../../messages/fr/the-impact.json';
import frTravel from '../../messages/fr/travel.json';
import frTravelDashboard from '../../messages/fr/travel-dashboard.json';
import frTravelImport from '../../messages/fr/travel-import.json';
import frTravelMobility from '../../messages/fr/travel-mobility.json';
import frTravelPlaces from '../../messages/fr/travel-places.json';
import frTravelSettings from '../../messages/fr/travel-settings.json';
import frTrips from '../../messages/fr/trips.json';
import frTripsExport from '../../messages/fr/trips-export.json';
import frTripsFormats from '../../messages/fr/trips-formats.json';
import frTripsImport from '../../messages/fr/trips-import.json';
import { numberFormat } from './intl';

export const LOCALES = ['fr', 'en'] as const;
export type Locale = (typeof LOCALES)[number];
export const BASE_LOCALE: Locale = 'fr';

const fr = {
  ...frCommon,
  ...frReporting,
  ...frEngagement,
  ...frPlan,
  ...frPortal,
  ...frImportPlan,
  ...frImportFile,
  ...frImportUi,
  ...frRecordImport,
  ...frSdg,
  ...frPeople,
  ...frAdmin,
  ...frExport,
  ...frIndicators,
  ...frProgress,
  ...frDashboard,
  ...frNotifications,
  ...frApi,
  ...frMy,
  ...frTravel,
  ...frTravelImport,
  ...frTravelSettings,
  ...frTravelMobility,
  ...frTrips,
  ...frTripsImport,
  ...frTripsExport,
  ...frTripsFormats,
  ...frFund,
  ...frTravelDashboard,
  ...frTravelPlaces,
  ...frTeaching,
  ...frTheImpact,
  ...frAwareness,
  ...frPartners,
  ...frResearch,
  ...frLabel,
  ...frIdeas,
  ...frEvents,
  ...frReports,
};
const en = {
  ...enCommon,
  ...enReporting,
  ...enEngagement,
  ...enPlan,
  ...enPortal,
  ...enImportPlan,
  ...enImportFile,
  ...enImportUi,
  ...enRecordImport,
  ...enSdg,
  ...enPeople,
  ...enAdmin,
  ...enExport,
  ...enIndicators,
  ...enProgress,
  ...enDashboard,
  ...enNotifications,
  ...enApi,
  ...enMy,
  ...enTravel,
  ...enTravelImport,
  ...enTravelSettings,
  ...enTravelMobility,
  ...enTrips,
  ...enTripsImport,
  ...enTripsExport,
  ...enTripsFormats,
  ...enFund,
  ...enTravelDashboard,
  ...enTravelPlaces,
  ...enTeaching,
  ...enTheImpact,
  ...enAwareness,
  ...enPartners,
  ...enResearch,
  ...enLabel,
  ...enIdeas,
  ...enEvents,
  ...enReports,
};

export type MessageKey = keyof typeof fr;
export const catalogues: Record<Locale, Record<string, string>> = { fr, en };

export type Params = Record<string, string | number>;

export function isLocale(value: unknown): value is Locale {
  return typeof value === 'string' && (LOCALES as readonly string[]).includes(value);
}

/** Picks the first supported language of an Accept-Language header, French otherwise. */
export function negotiateLocale(acceptLanguage: string | null): Locale {
  if (!acceptLanguage) return BASE_LOCALE;
  const ranked = acceptLanguage
    .split(',')
    .map((part) => {
      const [tag, ...rest] = part.trim().split(';');
      const q = rest.find((r) => r.trim().startsWith('q='));
      return { lang: tag.toLowerCase().slice(0, 2), q: q ? Number(q.trim().slice(2)) : 1 };
    })
    .sort((a, b) => b.q - a.q);
  return ranked.map((r) => r.lang).find(isLocale) ?? BASE_LOCALE;
}

const pluralRules: Record<Locale, Intl.PluralRules> = {
  fr: new Intl.PluralRules('fr'),
  en: new Intl.PluralRules('en'),
};

/** Translates a key; an unknown key (for instance an error code from an old import report) shows the key itself. */
export function translate(locale: Locale, key: string, params: Params = {}): string {
  const template = catalogues[locale][key] ?? catalogues[BASE_LOCALE][key] ?? key;
  return format(locale, template, params);
}

/** Shorthand bound to a locale, for pages: `const t = translator(data.locale)`. */
export function translator(locale: Locale): (key: MessageKey | (string & {}), params?: Params) => string {
  return (key, params) => translate(locale, key, params);
}

function format(locale: Locale, template: string, params: Params): string {
  let out = '';
  let i = 0;
  while (i < template.length) {
    const open = template.indexOf('{', i);
    if (open < 0) {
      out += template.slice(i);
      break;
    }
    out += template.slice(i, open);
    const close = matchingBrace(template, open);
    const inner = template.slice(open + 1, close);
    out += expand(locale, inner, params);
    i = close + 1;
  }
  return out;
}

function matchingBrace(s: string, open: number): number {
  let depth = 0;
  for (let j = open; j < s.length; j++) {
    if (s[j] === '{') depth++;
    else if (s[j] === '}' && --depth === 0) return j;
  }
  return s.length - 1;
}

function expand(locale: Locale, inner: string, params: Params): string {
  const parts = inner.split(',');
  const name = parts[0].trim();
  if (parts.length >= 3 && parts[1].trim() === 'plural') {
    const n = Number(params[name] ?? 0);
    const body = parts.slice(2).join(',');
    const branches = new Map<string, string>();
    const re = /(=\d+|zero|one|two|few|many|other)\s*\{/g;
    for (let m = re.exec(body); m; m = re.exec(body)) {
      const start = m.index + m[0].length - 1;
      const end = matchingBrace(body, start);
      branches.set(m[1], body.slice(start + 1, end));
      re.lastIndex = end + 1;
    }
    const chosen = branches.get(`=${n}`) ?? branches.get(pluralRules[locale].select(n)) ?? branches.get('other') ?? '';
    return format(locale, chosen.replaceAll('#', numberFormat(locale).format(n)), params);
  }
  const value = params[name];
  if (value === undefined) return `{${name}}`;
  return typeof value === 'number' ? numberFormat(locale).format(value) : value;
}

/** The placeholders a message uses, to check that both locales agree. */
export function placeholdersOf(template: string): string[] {
  const names = new Set<string>();
  for (const m of template.matchAll(/\{\s*([a-zA-Z_][\w]*)\s*(?=[,}])/g)) names.add(m[1]);
  return [...names].sort();
}
