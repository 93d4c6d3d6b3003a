import { readFile } from 'node:fs/promises';
import { expect, type Page, test } from '@playwright/test';
import { expectAccessible, logIn, measure, openIndicator, PLAN_2023, pageAs } from './support';

// One of the pilot's indicators (Robert L. is responsible for it) with no demo value: the flow owns its history.
const INDICATOR = "Nombre d'ODD";
const YEAR = '2024';
const FIRST = { value: '3', comment: 'Premier décompte des ODD de la programmation' };
const RETURN_REASON = 'Merci de préciser quels ODD sont comptés.';
const SECOND = { value: '4', reason: 'Recompté avec la liste des supports de communication 2024.' };
const PILOT = /Robert L\./;
// Another person is responsible for this one and Robert L. pilots none of its actions.
const ENERGY_ACTION =
  'Réduction des consommations en énergie fossile par la rénovation énergétique de certains bâtiments : G, R, JN';
const OFFICER = /Bazin I\./;

// A valid PDF as far as the server's content check goes, and a Windows executable named like one.
const PDF = Buffer.from('%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n', 'latin1');
const EXE = Buffer.from([0x4d, 0x5a, 0x90, 0x00, 0x03, 0x00, 0x00, 0x00, 0x04, 0x00, 0x00, 0x00, 0xff, 0xff]);

const today = new Intl.DateTimeFormat('fr', { dateStyle: 'medium', timeZone: 'UTC' }).format(new Date());

function valuesTable(page: Page) {
  return page.getByRole('table', { name: `Valeur actuelle de chaque période pour « ${INDICATOR} »` });
}

function valueRow(page: Page) {
  return valuesTable(page)
    .getByRole('row')
    .filter({ has: page.getByRole('rowheader', { name: YEAR, exact: true }) });
}

/** The pilot's bulk entry form for the collection year, reached with the keyboard. */
async function openMyValues(page: Page) {
  await page.goto('/my/values');
  await page.getByLabel('Année de collecte', { exact: true }).selectOption(YEAR);
  await page.getByRole('button', { name: 'Afficher' }).press('Enter');
  await expect(page.getByRole('heading', { name: `Saisie ${YEAR}` })).toBeVisible();
}

test('a value goes to the officer, comes back with a reason, is corrected with evidence and validated; every version stays', async ({
  page: pilot,
  browser,
}) => {
  test.slow();
  await logIn(pilot, 'pilot');
  const officer = await pageAs(browser, 'admin');
  let indicatorPath = '';

  await test.step('the pilot enters the value and its comment, then submits it', async () => {
    await openMyValues(pilot);
    const value = pilot.getByRole('textbox', { name: `Valeur de « ${INDICATOR} » pour ${YEAR}` });
    await value.focus();
    await pilot.keyboard.type(FIRST.value);
    await pilot.keyboard.press('Tab');
    await expect(pilot.getByRole('textbox', { name: `Commentaire pour « ${INDICATOR} »` })).toBeFocused();
    await pilot.keyboard.type(FIRST.comment);
    await pilot.getByRole('button', { name: 'Enregistrer et tout soumettre' }).press('Enter');
    await expect(pilot.getByRole('status')).toHaveText('1 valeur enregistrée, 1 soumise.');
    const row = pilot.getByRole('row').filter({ has: pilot.getByRole('link', { name: INDICATOR, exact: true }) });
    await expect(row).toContainText('Soumise');
    // Submitted: no longer typed over here, corrected on the indicator page with a reason.
    await expect(row.getByRole('textbox')).toHaveCount(0);
    await expectAccessible(pilot);
    await measure(pilot, 'my values, submitted');
    indicatorPath = (await row.getByRole('link', { name: INDICATOR, exact: true }).getAttribute('href')) ?? '';
    expect(indicatorPath).toMatch(/^\/indicators\/[\w-]+$/);
  });

  await test.step('the pilot cannot validate their own value, even with a hand-made post', async () => {
    const response = await pilot.request.post(`${indicatorPath}?/validate`, {
      headers: {
        origin: new URL(pilot.url()).origin,
        accept: 'text/html',
        'content-type': 'application/x-www-form-urlencoded',
      },
      data: `period=${YEAR}&version=1`,
      maxRedirects: 0,
    });
    expect(response.status()).toBe(403);
  });

  await test.step('the officer sees it waiting and returns it with a reason', async () => {
    await officer.goto('/dashboard');
    const recent = officer.getByRole('table', {
      name: 'Dernières modifications des actions et des indicateurs du plan',
    });
    const change = recent
      .getByRole('row')
      .filter({ hasText: `Valeur ${YEAR}` })
      .filter({ hasText: INDICATOR });
    await expect(change.first()).toContainText(PILOT);
    // Entry and submission, fields named in words. Both are written in the same millisecond and ids do not order
    // within one, so the rows and the fields of a row may come in either order.
    await expect(change.filter({ hasText: /Création : (Période, Valeur|Valeur, Période)/ })).toHaveCount(1);
    await expect(change.filter({ hasText: 'Modification : État' })).toHaveCount(1);
    await change.first().getByRole('link', { name: INDICATOR, exact: true }).click();
    await expect(officer).toHaveURL(new RegExp(`${indicatorPath}$`));
    await expect(valueRow(officer)).toContainText('Soumise');
    await expect(valueRow(officer)).toContainText(FIRST.comment);

    // Without a reason the server refuses (the browser's `required` aside), and says why.
    const empty = await officer.request.post(`${indicatorPath}?/return`, {
      headers: {
        origin: new URL(officer.url()).origin,
        accept: 'text/html',
        'content-type': 'application/x-www-form-urlencoded',
      },
      data: `period=${YEAR}&version=1&reason=`,
      maxRedirects: 0,
    });
    expect(empty.status()).toBe(400);
    expect(await empty.text()).toContain('Indiquez le motif');

    await valueRow(officer).getByLabel(`Motif du renvoi (${YEAR})`).fill(RETURN_REASON);
    await valueRow(officer).getByLabel(`Motif du renvoi (${YEAR})`).press('Enter');
    await expect(officer.getByRole('status')).toHaveText('Valeur renvoyée à son pilote avec votre motif.');
    await expect(valueRow(officer)).toContainText('Renvoyée');
    await expect(valueRow(officer)).toContainText(`Motif : ${RETURN_REASON}`);
    await expectAccessible(officer);
    await measure(officer, 'indicator page, returned');
  });

  await test.step('the pilot finds the returned value and its reason', async () => {
    await openMyValues(pilot);
    const returned = pilot.getByRole('table', { name: 'Valeurs qui vous ont été renvoyées' });
    const row = returned.getByRole('row').filter({ has: pilot.getByRole('link', { name: `${INDICATOR} (${YEAR})` }) });
    await expect(row).toContainText(RETURN_REASON);
    await expect(row).toContainText(FIRST.value);
    await expectAccessible(pilot);
    await measure(pilot, 'my values, returned');

    const my = await pilot.goto('/my');
    if (my?.status() !== 404) {
      expect(my?.status()).toBe(200);
      const onMy = pilot.getByRole('row').filter({ has: pilot.getByRole('link', { name: `${INDICATOR} (${YEAR})` }) });
      await expect(onMy).toContainText(RETURN_REASON);
      await expect(onMy).toContainText(OFFICER);
      await expectAccessible(pilot);
      await measure(pilot, 'my work, returned');
    }
  });

  await test.step('an executable named .pdf is refused as evidence, and nothing typed is lost', async () => {
    await openMyValues(pilot);
    await pilot
      .getByRole('table', { name: 'Valeurs qui vous ont été renvoyées' })
      .getByRole('link', { name: `${INDICATOR} (${YEAR})` })
      .click();
    await expect(pilot.getByLabel('Période')).toHaveValue(YEAR);
    await expect(pilot.getByLabel('Valeur', { exact: true })).toHaveValue(FIRST.value);
    await pilot.getByLabel('Valeur', { exact: true }).fill(SECOND.value);
    await pilot.getByLabel('Motif de la correction').fill(SECOND.reason);
    await pilot.getByLabel('Fichier justificatif (facultatif)').setInputFiles({
      name: 'bordereau.pdf',
      mimeType: 'application/pdf',
      buffer: EXE,
    });
    await pilot.getByRole('button', { name: 'Enregistrer comme brouillon' }).click();
    await expect(pilot.getByRole('alert')).toHaveText(
      "Ce type de fichier n'est pas accepté comme justificatif (détecté : EXE). Formats acceptés : PDF, images PNG, JPEG, GIF ou WebP, documents OpenDocument ou Office, CSV et texte.",
    );
    await expect(pilot.getByLabel('Valeur', { exact: true })).toHaveValue(SECOND.value);
    await expect(pilot.getByLabel('Motif de la correction')).toHaveValue(SECOND.reason);
    await expect(valueRow(pilot)).toContainText('Renvoyée');
    await expectAccessible(pilot);
  });

  await test.step('the pilot corrects the value with a PDF as evidence and submits it again', async () => {
    await pilot.getByLabel('Fichier justificatif (facultatif)').setInputFiles({
      name: 'liste-odd-2024.pdf',
      mimeType: 'application/pdf',
      buffer: PDF,
    });
    await pilot.getByRole('button', { name: 'Enregistrer comme brouillon' }).click();
    await expect(pilot.getByRole('status')).toHaveText(
      'Valeur enregistrée comme brouillon. Soumettez-la quand elle est prête.',
    );
    await expect(valueRow(pilot)).toContainText('Brouillon');
    await expect(valueRow(pilot)).toContainText('version 2');
    const evidence = valueRow(pilot).getByRole('link', { name: 'liste-odd-2024.pdf' });
    const file = await pilot.request.get((await evidence.getAttribute('href')) ?? '');
    expect(file.status()).toBe(200);
    expect(file.headers()['content-type']).toBe('application/pdf');
    expect(file.headers()['content-disposition']).toMatch(/^attachment/);
    expect(file.headers()['x-content-type-options']).toBe('nosniff');
    expect((await file.body()).equals(PDF)).toBe(true);

    await valueRow(pilot)
      .getByRole('button', { name: `Soumettre la valeur de ${YEAR}` })
      .press('Enter');
    await expect(pilot.getByRole('status')).toHaveText('Valeur soumise au ou à la responsable DD&RS.');
    await expect(valueRow(pilot)).toContainText('Soumise');
  });

  await test.step('the officer validates it and the history shows every version with who, when, what and why', async () => {
    await officer.reload();
    await expect(valueRow(officer)).toContainText('Soumise');
    await expect(valueRow(officer)).toContainText(SECOND.value);
    await valueRow(officer)
      .getByRole('button', { name: `Valider la valeur de ${YEAR}` })
      .press('Enter');
    await expect(officer.getByRole('status')).toHaveText('Valeur validée.');
    await expect(valueRow(officer)).toContainText('Validée');
    await expect(valueRow(officer).getByRole('link', { name: 'liste-odd-2024.pdf' })).toBeVisible();

    const history = officer.getByRole('table', { name: new RegExp(`^Chaque saisie, correction.*« ${INDICATOR} »`) });
    const rows = history
      .locator('tbody tr')
      .filter({ has: officer.locator('td:nth-child(3)').getByText(YEAR, { exact: true }) });
    const expected: [RegExp, string, RegExp | string, string | null][] = [
      [OFFICER, 'Validation version 2', 'Soumise → Validée', null],
      [PILOT, 'Soumission version 2', 'Brouillon → Soumise', null],
      [PILOT, 'Correction version 2', `${FIRST.value} → ${SECOND.value}`, SECOND.reason],
      [OFFICER, 'Renvoi version 1', 'Soumise → Renvoyée', RETURN_REASON],
      [PILOT, 'Soumission version 1', 'Brouillon → Soumise', null],
      [PILOT, 'Saisie version 1', `— → ${FIRST.value}`, null],
    ];
    await expect(rows).toHaveCount(expected.length);
    for (const [i, [who, event, change, why]] of expected.entries()) {
      const cells = rows.nth(i).getByRole('cell');
      await expect(cells.nth(0), `when, row ${i}`).toContainText(today);
      await expect(cells.nth(1), `who, row ${i}`).toContainText(who);
      await expect(cells.nth(2), `period, row ${i}`).toHaveText(YEAR);
      await expect(cells.nth(3), `event, row ${i}`).toHaveText(event);
      await expect(cells.nth(4), `change, row ${i}`).toHaveText(change);
      await expect(cells.nth(5), `why, row ${i}`).toHaveText(why ?? '—');
    }
    await expectAccessible(officer);
    await measure(officer, 'indicator page, validated');
  });

  await test.step('the values export carries both versions', async () => {
    await officer.goto('/exports');
    await officer.getByLabel('Plan', { exact: true }).selectOption({ label: PLAN_2023 });
    await officer.getByLabel('CSV', { exact: false }).check();
    await officer.getByLabel('Inclure toutes les versions', { exact: false }).check();
    const [download] = await Promise.all([
      officer.waitForEvent('download'),
      officer.getByRole('button', { name: 'Télécharger les valeurs' }).click(),
    ]);
    const csv = await readFile((await download.path()) ?? '', 'utf8');
    const lines = csv.split(/\r?\n/).filter((l) => l.includes(`;${INDICATOR};nombre;${YEAR};`));
    expect(lines).toHaveLength(2);
    expect(lines[0]).toContain(`;${INDICATOR};nombre;${YEAR};1;non;${FIRST.value};Renvoyée;`);
    expect(lines[0]).toContain(FIRST.comment);
    expect(lines[0]).toContain(RETURN_REASON);
    expect(lines[1]).toContain(`;${INDICATOR};nombre;${YEAR};2;oui;${SECOND.value};Validée;`);
    expect(lines[1]).toContain(SECOND.reason);
  });

  await officer.context().close();
});

test('a pilot cannot enter values for an indicator that is not theirs, on the page or on the server', async ({
  page,
}) => {
  await logIn(page, 'pilot');
  const href = await openIndicator(page, ENERGY_ACTION, 'Kwhef économisés');
  await expect(page.getByRole('heading', { name: 'Saisir ou corriger une valeur' })).toHaveCount(0);
  await expect(page.getByRole('button', { name: /^Soumettre/ })).toHaveCount(0);
  const response = await page.request.post(`${href}?/record`, {
    headers: { origin: new URL(page.url()).origin, accept: 'text/html' },
    multipart: { period: YEAR, value: '1' },
    maxRedirects: 0,
  });
  expect(response.status()).toBe(403);
});
