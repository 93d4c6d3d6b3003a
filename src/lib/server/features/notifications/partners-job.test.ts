import { afterAll, beforeAll, expect, test } from 'vitest';
import { sessionUserByEmail } from '../../testing/accounts';
import { describeEachDialect } from '../../testing/databases';
import { loadDemoIfEmpty } from '../demo';
import { addAgreement, createPartner } from '../partners';
import { runDueJobs } from './jobs';
import { createMailer } from './mailer';
import {
  PARTNER_RENEWAL_JOB,
  partnersJobHandlers,
  runPartnerRenewalReminders,
  schedulePartnerRenewalScan,
} from './partners-job';
import { type SmtpCapture, startSmtpCapture } from './smtp-capture';

const BASE_URL = 'https://trajectoire.example.org';
const ADMIN = 'responsable.ddrs@demo.trajectoire.test';

let smtp: SmtpCapture;
beforeAll(async () => {
  smtp = await startSmtpCapture();
});
afterAll(async () => {
  await smtp.close();
});

describeEachDialect('renewal reminders of partner agreements', (get) => {
  let agreementId = '';

  beforeAll(async () => {
    const { db } = get();
    await loadDemoIfEmpty(db, { password: 'demo-password-123' });
    // Only this test's agreement: demo agreements (if the demo loads partners) would add their own reminders.
    await db.deleteFrom('partner_agreement').execute();
    const admin = await sessionUserByEmail(db, ADMIN);
    const partner = await createPartner(db, admin, {
      name: 'Renewal partner',
      kind: 'university',
      roles: [],
      startedOn: null,
      endedOn: null,
      website: null,
      description: null,
      sdgs: [],
    });
    if (!partner.ok) throw new Error(partner.error.code);
    const added = await addAgreement(
      db,
      admin,
      partner.value.id,
      {
        title: 'Accord-cadre',
        kind: 'framework',
        signedOn: null,
        startsOn: '2024-01-01',
        endsOn: '2026-12-31',
        renewalNoticeDays: 30,
      },
      { maxMb: 1 },
    );
    if (!added.ok) throw new Error(String(added.error.code));
    agreementId = added.value.id;
  });

  test('mails the officer once per agreement and end date, from the notice date to the end date', async () => {
    const { db } = get();
    const mailer = createMailer(smtp.url, 'trajectoire@example.org');
    const mailsToAdmin = () => smtp.mails.filter((m) => m.to.includes(ADMIN) && m.subject.includes('Accord-cadre'));
    smtp.mails.length = 0;

    // 31 days before the end: not yet.
    expect(await runPartnerRenewalReminders(db, mailer, { today: '2026-11-30', baseUrl: BASE_URL })).toEqual({
      sent: 0,
      alreadySent: 0,
    });
    // The notice date, then the day after: one mail only.
    expect(await runPartnerRenewalReminders(db, mailer, { today: '2026-12-01', baseUrl: BASE_URL })).toEqual({
      sent: 1,
      alreadySent: 0,
    });
    expect(await runPartnerRenewalReminders(db, mailer, { today: '2026-12-02', baseUrl: BASE_URL })).toEqual({
      sent: 0,
      alreadySent: 1,
    });
    expect(mailsToAdmin()).toHaveLength(1);
    expect(mailsToAdmin()[0]?.subject).toContain('Renewal partner');
    expect(mailsToAdmin()[0]?.text).toContain(`${BASE_URL}/partners/`);

    // Renewed: a new end date gets its own reminder.
    await db.updateTable('partner_agreement').set({ ends_on: '2029-12-31' }).where('id', '=', agreementId).execute();
    expect(await runPartnerRenewalReminders(db, mailer, { today: '2029-12-15', baseUrl: BASE_URL })).toEqual({
      sent: 1,
      alreadySent: 0,
    });
    expect(mailsToAdmin()).toHaveLength(2);
  });

  test('is queued once a day and runs as a job', async () => {
    const { db } = get();
    const mailer = createMailer(smtp.url, 'trajectoire@example.org');
    const now = new Date('2030-03-01T07:00:00Z');
    await Promise.all([schedulePartnerRenewalScan(db, now), schedulePartnerRenewalScan(db, now)]);
    const jobs = await db
      .selectFrom('job')
      .select(['kind', 'dedupe_key'])
      .where('kind', '=', PARTNER_RENEWAL_JOB)
      .execute();
    expect(jobs).toEqual([{ kind: PARTNER_RENEWAL_JOB, dedupe_key: 'partners.renewal-reminders:2030-03-01' }]);
    expect(await runDueJobs(db, partnersJobHandlers(db, mailer, BASE_URL), 'worker-a', () => now)).toBe(1);
  });
});
