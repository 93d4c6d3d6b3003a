import { afterAll, beforeAll, expect, test } from 'vitest';
import type { Database } from '../../db/connect';
import { newId } from '../../db/ids';
import { describeEachDialect } from '../../testing/databases';
import type { SessionUser } from '../auth';
import { loadDemoIfEmpty } from '../demo';
import { runDueJobs } from './jobs';
import { createMailer } from './mailer';
import { getPreferences, listRecentNotifications, updatePreferences } from './preferences';
import { notificationJobHandlers, runReminderScan, runWeeklyDigest, scheduleRecurringJobs } from './reminders';
import { type SmtpCapture, startSmtpCapture } from './smtp-capture';

const BASE_URL = 'https://trajectoire.example.org';
const PILOT = 'pilote@demo.trajectoire.test';
const ADMIN = 'responsable.ddrs@demo.trajectoire.test';

let smtp: SmtpCapture;
beforeAll(async () => {
  smtp = await startSmtpCapture();
});
afterAll(async () => {
  await smtp.close();
});

const mailsTo = (email: string) => smtp.mails.filter((m) => m.to.includes(email));

interface Fixture {
  indicatorId: string;
  indicatorName: string;
  pilot: SessionUser;
  admin: SessionUser;
}

/** The demo, with one indicator of the 2023-2027 plan made the pilot's responsibility and emptied of values. */
async function prepare({ db }: Database): Promise<Fixture> {
  await loadDemoIfEmpty(db, { password: 'demo-password-123' });
  const userOf = async (email: string): Promise<SessionUser> => {
    const u = await db
      .selectFrom('app_user')
      .innerJoin('membership', 'membership.user_id', 'app_user.id')
      .select([
        'app_user.id',
        'app_user.person_id',
        'app_user.display_name',
        'membership.institution_id',
        'membership.role',
      ])
      .where('app_user.email', '=', email)
      .executeTakeFirstOrThrow();
    return {
      id: u.id,
      email,
      displayName: u.display_name,
      locale: 'fr',
      personId: u.person_id,
      institutionId: u.institution_id,
      role: u.role as SessionUser['role'],
    };
  };
  const pilot = await userOf(PILOT);
  const admin = await userOf(ADMIN);
  const indicator = await db
    .selectFrom('indicator')
    .innerJoin('plan', 'plan.id', 'indicator.plan_id')
    .select(['indicator.id', 'indicator.name'])
    .where('plan.end_year', '=', 2027)
    .orderBy('indicator.position')
    .orderBy('indicator.id')
    .executeTakeFirstOrThrow();
  await db
    .updateTable('indicator')
    .set({
      responsible_person_id: pilot.personId,
      periodicity: 'year',
      source: 'manual',
      target_date: null,
      baseline_date: null,
    })
    .where('id', '=', indicator.id)
    .execute();
  await db.deleteFrom('indicator_value').where('indicator_id', '=', indicator.id).execute();
  return { indicatorId: indicator.id, indicatorName: indicator.name, pilot, admin };
}

describeEachDialect('reminders and digest by e-mail', (get) => {
  let fx: Fixture;
  const mailer = () => createMailer(smtp.url, 'Trajectoire <no-reply@trajectoire.test>');
  beforeAll(async () => {
    fx = await prepare(get());
  });

  test('the pilot gets one French reminder listing their overdue indicator, with links', async () => {
    const { db } = get();
    smtp.mails.length = 0;
    // Monday 2 March 2026: the 2025 value was due by 30 January.
    const report = await runReminderScan(db, mailer(), { today: '2026-03-02', baseUrl: BASE_URL });
    expect(report.failed).toBe(0);
    const mails = mailsTo(PILOT);
    expect(mails).toHaveLength(1);
    expect(mails[0].subject).toMatch(/^Trajectoire : \d+ valeurs? d'indicateurs? à saisir$/);
    expect(mails[0].text).toContain('Bonjour Robert L. (pilote),');
    expect(mails[0].text).toContain(`${fx.indicatorName} — période 2025, attendue au plus tard le 30 janvier 2026`);
    expect(mails[0].text).toContain(`${BASE_URL}/indicators/${fx.indicatorId}`);
    expect(mails[0].text).toContain(`${BASE_URL}/my/values?period=2025`);
    expect(mails[0].html).toContain(`href="${BASE_URL}/indicators/${fx.indicatorId}"`);
    // Only people who can enter values are reminded.
    expect(smtp.mails.flatMap((m) => m.to).filter((to) => /referent|contributeur|lecteur/.test(to))).toEqual([]);
  });

  test('a second scan in the same week sends nothing more', async () => {
    const { db } = get();
    smtp.mails.length = 0;
    const report = await runReminderScan(db, mailer(), { today: '2026-03-04', baseUrl: BASE_URL });
    expect(report.sent).toBe(0);
    expect(report.alreadySent).toBeGreaterThan(0);
    expect(smtp.mails).toHaveLength(0);
  });

  test('a user who chose English gets the reminder in English the next week', async () => {
    const { db } = get();
    smtp.mails.length = 0;
    await db.updateTable('app_user').set({ locale: 'en' }).where('id', '=', fx.pilot.id).execute();
    await runReminderScan(db, mailer(), { today: '2026-03-09', baseUrl: BASE_URL });
    await db.updateTable('app_user').set({ locale: 'fr' }).where('id', '=', fx.pilot.id).execute();
    const mails = mailsTo(PILOT);
    expect(mails).toHaveLength(1);
    expect(mails[0].subject).toMatch(/^Trajectoire: \d+ indicator values? to enter$/);
    expect(mails[0].text).toContain(`${fx.indicatorName} — period 2025, expected by January 30, 2026 at the latest`);
  });

  test('a value submitted for the period stops the reminder about it', async () => {
    const { db } = get();
    smtp.mails.length = 0;
    await insertValue(db, fx.indicatorId, 'submitted', fx.pilot.id);
    await runReminderScan(db, mailer(), { today: '2026-03-16', baseUrl: BASE_URL });
    const mails = mailsTo(PILOT);
    expect(mails).toHaveLength(1);
    expect(mails[0].text).not.toContain(`/indicators/${fx.indicatorId}`);
  });

  test('the administrator digest counts and lists the value waiting for validation', async () => {
    const { db } = get();
    smtp.mails.length = 0;
    const report = await runWeeklyDigest(db, mailer(), { today: '2026-03-16', baseUrl: BASE_URL });
    expect(report.sent).toBe(1);
    const mails = mailsTo(ADMIN);
    expect(mails).toHaveLength(1);
    expect(mails[0].subject).toBe('Trajectoire : synthèse de la semaine 12 — IMT Mines Alès');
    // The demo data may hold submitted values of its own: count them all from the database.
    const waiting = await db
      .selectFrom('indicator_value')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('state', '=', 'submitted')
      .where('is_current', '=', 1)
      .executeTakeFirstOrThrow();
    expect(Number(waiting.n)).toBeGreaterThanOrEqual(1);
    expect(mails[0].text).toMatch(
      new RegExp(`${Number(waiting.n)} en attente de validation · \\d+ en retard · \\d+ à saisir`),
    );
    expect(mails[0].text).toContain(
      `${fx.indicatorName} — période 2025, soumise par Robert L. (pilote) le 10 février 2026`,
    );
    expect(mails[0].text).toContain(`${BASE_URL}/indicators/${fx.indicatorId}`);
    expect(smtp.mails).toHaveLength(1);
    await runWeeklyDigest(db, mailer(), { today: '2026-03-18', baseUrl: BASE_URL });
    expect(smtp.mails).toHaveLength(1);
    await db.deleteFrom('indicator_value').where('indicator_id', '=', fx.indicatorId).execute();
  });

  test('no reminder and no digest reach a user who turned them off', async () => {
    const { db } = get();
    smtp.mails.length = 0;
    await updatePreferences(db, fx.pilot, { reminders: undefined, weeklyDigest: 'on' });
    await updatePreferences(db, fx.admin, { reminders: 'on', weeklyDigest: undefined });
    expect(await getPreferences(db, fx.pilot.id)).toEqual({ reminders: false, weeklyDigest: true });
    await runReminderScan(db, mailer(), { today: '2026-03-23', baseUrl: BASE_URL });
    await runWeeklyDigest(db, mailer(), { today: '2026-03-23', baseUrl: BASE_URL });
    expect(mailsTo(PILOT)).toHaveLength(0);
    expect(smtp.mails.filter((m) => m.subject.includes('synthèse'))).toHaveLength(0);
    await updatePreferences(db, fx.pilot, { reminders: 'on' });
    await updatePreferences(db, fx.admin, { reminders: 'on', weeklyDigest: 'on' });
  });

  test('a pilot cannot change the digest choice they are not offered', async () => {
    const { db } = get();
    await updatePreferences(db, fx.pilot, { reminders: 'on', weeklyDigest: undefined });
    expect((await getPreferences(db, fx.pilot.id)).weeklyDigest).toBe(true);
  });

  test('a refused mail is sent again by the next run, and only once', async () => {
    const { db } = get();
    smtp.mails.length = 0;
    smtp.refuseNext(1);
    const run = () => runReminderScan(db, mailer(), { today: '2026-03-30', baseUrl: BASE_URL });
    await expect(run()).rejects.toThrow(/1 of \d+ reminder mails failed/);
    const before = smtp.mails.length;
    const retry = await run();
    expect(retry.sent).toBe(1);
    expect(smtp.mails).toHaveLength(before + 1);
  });

  test('two workers polling the same queue send each reminder and digest once', async () => {
    const { db } = get();
    smtp.mails.length = 0;
    // Monday 6 April 2026 at 07:00 UTC: the three jobs of the day are due (refresh of computed values, scan, digest).
    const now = new Date('2026-04-06T07:00:00Z');
    await Promise.all([scheduleRecurringJobs(db, now), scheduleRecurringJobs(db, now)]);
    const handlers = notificationJobHandlers(db, mailer(), BASE_URL);
    const ran = await Promise.all([
      runDueJobs(db, handlers, 'worker-a', () => now),
      runDueJobs(db, handlers, 'worker-b', () => now),
    ]);
    expect(ran[0] + ran[1]).toBe(3);
    // Even when a job runs twice (say its lock went stale), the messages are not sent twice.
    await Promise.all([
      runReminderScan(db, mailer(), { today: '2026-04-06', baseUrl: BASE_URL }),
      runReminderScan(db, mailer(), { today: '2026-04-06', baseUrl: BASE_URL }),
    ]);
    const recipients = smtp.mails.map(
      (m) => `${m.to.join()}|${m.subject.includes('synthèse') ? 'digest' : 'reminder'}`,
    );
    expect(new Set(recipients).size).toBe(recipients.length);
    expect(mailsTo(PILOT)).toHaveLength(1);
    expect(mailsTo(ADMIN).filter((m) => m.subject.includes('synthèse'))).toHaveLength(1);
    const jobs = await db.selectFrom('job').select(['dedupe_key', 'status']).orderBy('dedupe_key').execute();
    expect(jobs).toEqual([
      { dedupe_key: 'digest:2026-W15', status: 'done' },
      { dedupe_key: 'indicators.refresh-computed:2026-04-06', status: 'done' },
      { dedupe_key: 'reminders:2026-04-06', status: 'done' },
    ]);
  });

  test('the history lists the latest messages sent to a user', async () => {
    const { db } = get();
    const recent = await listRecentNotifications(db, fx.pilot.id);
    expect(recent.length).toBeGreaterThanOrEqual(4);
    expect(recent.every((n) => n.kind === 'reminder' && n.recipient === PILOT)).toBe(true);
    expect(recent[0].sentAt >= recent[recent.length - 1].sentAt).toBe(true);
  });
});

async function insertValue(db: Database['db'], indicatorId: string, state: string, userId: string): Promise<void> {
  await db
    .insertInto('indicator_value')
    .values({
      id: newId(),
      indicator_id: indicatorId,
      period: '2025',
      period_start: '2025-01-01',
      period_end: '2025-12-31',
      version: 1,
      is_current: 1,
      value_milli: 42_000,
      value_text: null,
      comment: null,
      evidence_url: null,
      evidence_file_id: null,
      state,
      return_reason: null,
      change_reason: null,
      entered_by: userId,
      entered_by_label: 'Robert L. (pilote)',
      entered_at: '2026-02-10T09:30:00.000Z',
      reviewed_by: null,
      reviewed_at: null,
      is_demo: 0,
    })
    .execute();
}
