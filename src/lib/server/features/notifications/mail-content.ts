import { isLocale, type Locale, type Params, translate } from '../../../i18n';
import { dateTimeFormat } from '../../../intl';
import type { UpdateStatus } from './notifications';

/**
 * What the reminders and digests say, in the recipient's language, as plain
 * text and simple HTML built from one model. Pure: no I/O.
 */

export interface MailMessage {
  to: string;
  subject: string;
  text: string;
  html: string;
}

interface MailLine {
  text: string;
  url?: string;
}

interface MailSection {
  heading: string;
  lines: MailLine[];
}

interface MailContent {
  subject: string;
  paragraphs: string[];
  sections: MailSection[];
  footer: MailLine[];
}

export interface DueItem {
  indicatorId: string;
  indicatorName: string;
  periodLabel: string;
  dueDate: string;
  status: UpdateStatus;
}

export interface SubmittedItem {
  indicatorId: string;
  indicatorName: string;
  periodLabel: string;
  enteredBy: string;
  enteredAt: string;
}

export interface Recipient {
  email: string;
  displayName: string;
  locale: string;
}

/** Longest list shown per section of a digest; the rest is counted. */
export const DIGEST_LIST_LIMIT = 30;

const escapeHtml = (s: string) =>
  s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&#39;');

export function renderText(content: MailContent): string {
  const line = (l: MailLine) => (l.url ? `${l.text}\n  ${l.url}` : l.text);
  const blocks = [
    ...content.paragraphs,
    ...content.sections.map((s) => [s.heading, ...s.lines.map((l) => `- ${line(l).replace(/\n/g, '\n ')}`)].join('\n')),
    ['--', ...content.footer.map(line)].join('\n'),
  ];
  return `${blocks.join('\n\n')}\n`;
}

export function renderHtml(content: MailContent, locale: Locale): string {
  const link = (l: MailLine) =>
    l.url ? `<a href="${escapeHtml(l.url)}">${escapeHtml(l.text)}</a>` : escapeHtml(l.text);
  const parts = [
    `<!doctype html><html lang="${locale}"><head><meta charset="utf-8"><title>${escapeHtml(content.subject)}</title></head><body>`,
    ...content.paragraphs.map((p) => `<p>${escapeHtml(p)}</p>`),
    ...content.sections.map(
      (s) => `<h2>${escapeHtml(s.heading)}</h2><ul>${s.lines.map((l) => `<li>${link(l)}</li>`).join('')}</ul>`,
    ),
    `<hr><p>${content.footer.map(link).join('<br>')}</p>`,
    '</body></html>',
  ];
  return parts.join('\n');
}

function localeOf(recipient: Recipient): Locale {
  return isLocale(recipient.locale) ? recipient.locale : 'fr';
}

function tools(locale: Locale, baseUrl: string) {
  const t = (key: string, params?: Params) => translate(locale, key, params);
  const dates = dateTimeFormat(locale, { dateStyle: 'long', timeZone: 'UTC' });
  const date = (iso: string) => dates.format(new Date(iso.length === 10 ? `${iso}T00:00:00Z` : iso));
  const url = (path: string) => `${baseUrl.replace(/\/+$/, '')}${path}`;
  return { t, date, url };
}

function message(recipient: Recipient, content: MailContent, locale: Locale): MailMessage {
  return {
    to: recipient.email,
    subject: content.subject,
    text: renderText(content),
    html: renderHtml(content, locale),
  };
}

/** The reminder to one person: their indicators due and overdue, with a link to each and to bulk entry per period. */
export function composeReminder(recipient: Recipient, items: readonly DueItem[], baseUrl: string): MailMessage {
  const locale = localeOf(recipient);
  const { t, date, url } = tools(locale, baseUrl);
  const itemLine = (i: DueItem): MailLine => ({
    text: t(i.status === 'overdue' ? 'notifications.reminder.overdueItem' : 'notifications.reminder.dueItem', {
      indicator: i.indicatorName,
      period: i.periodLabel,
      date: date(i.dueDate),
    }),
    url: url(`/indicators/${encodeURIComponent(i.indicatorId)}`),
  });
  const overdue = items.filter((i) => i.status === 'overdue');
  const due = items.filter((i) => i.status === 'due');
  const periods = [...new Set(items.map((i) => i.periodLabel))].sort();
  const sections: MailSection[] = [];
  if (overdue.length)
    sections.push({ heading: t('notifications.reminder.overdueHeading'), lines: overdue.map(itemLine) });
  if (due.length) sections.push({ heading: t('notifications.reminder.dueHeading'), lines: due.map(itemLine) });
  sections.push({
    heading: t('notifications.reminder.entryHeading'),
    lines: periods.map((p) => ({
      text: t('notifications.reminder.entryLink', { period: p }),
      url: url(`/my/values?period=${encodeURIComponent(p)}`),
    })),
  });
  return message(
    recipient,
    {
      subject: t('notifications.reminder.subject', { count: items.length }),
      paragraphs: [t('notifications.greeting', { name: recipient.displayName }), t('notifications.reminder.intro')],
      sections,
      footer: [
        { text: t('notifications.reminder.why') },
        { text: t('notifications.footer.preferences'), url: url('/account/notifications') },
      ],
    },
    locale,
  );
}

export interface DigestInput {
  institutionName: string;
  isoWeek: string;
  due: readonly DueItem[];
  overdue: readonly DueItem[];
  submitted: readonly SubmittedItem[];
}

/** The officer's weekly digest: updates due, overdue and waiting for validation, counted then listed. */
export function composeDigest(recipient: Recipient, input: DigestInput, baseUrl: string): MailMessage {
  const locale = localeOf(recipient);
  const { t, date, url } = tools(locale, baseUrl);
  const indicatorUrl = (id: string) => url(`/indicators/${encodeURIComponent(id)}`);
  const capped = (lines: MailLine[]): MailLine[] =>
    lines.length > DIGEST_LIST_LIMIT
      ? [
          ...lines.slice(0, DIGEST_LIST_LIMIT),
          { text: t('notifications.digest.more', { count: lines.length - DIGEST_LIST_LIMIT }) },
        ]
      : lines;
  const dueLine = (i: DueItem): MailLine => ({
    text: t(i.status === 'overdue' ? 'notifications.reminder.overdueItem' : 'notifications.reminder.dueItem', {
      indicator: i.indicatorName,
      period: i.periodLabel,
      date: date(i.dueDate),
    }),
    url: indicatorUrl(i.indicatorId),
  });
  const sections: MailSection[] = [
    { heading: t('notifications.digest.submittedHeading', { count: input.submitted.length }), lines: [] },
    { heading: t('notifications.digest.overdueHeading', { count: input.overdue.length }), lines: [] },
    { heading: t('notifications.digest.dueHeading', { count: input.due.length }), lines: [] },
  ];
  sections[0].lines = capped(
    input.submitted.map((s) => ({
      text: t('notifications.digest.submittedItem', {
        indicator: s.indicatorName,
        period: s.periodLabel,
        by: s.enteredBy,
        date: date(s.enteredAt),
      }),
      url: indicatorUrl(s.indicatorId),
    })),
  );
  sections[1].lines = capped(input.overdue.map(dueLine));
  sections[2].lines = capped(input.due.map(dueLine));
  const week = Number(input.isoWeek.slice(6));
  return message(
    recipient,
    {
      subject: t('notifications.digest.subject', { week, institution: input.institutionName }),
      paragraphs: [
        t('notifications.greeting', { name: recipient.displayName }),
        t('notifications.digest.intro', { institution: input.institutionName }),
        t('notifications.digest.counts', {
          due: input.due.length,
          overdue: input.overdue.length,
          submitted: input.submitted.length,
        }),
      ],
      sections: sections.filter((s) => s.lines.length > 0),
      footer: [
        { text: t('notifications.digest.why') },
        { text: t('notifications.footer.preferences'), url: url('/account/notifications') },
      ],
    },
    locale,
  );
}
