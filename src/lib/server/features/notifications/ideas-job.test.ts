import { expect, test } from 'vitest';
import { composeIdeaStatusMail } from './ideas-job';

const input = {
  email: 'lecteur@demo.trajectoire.test',
  displayName: 'Lecteur démo',
  ideaId: 'idea-1',
  ideaTitle: 'Des fontaines à eau',
  status: 'accepted',
  answer: 'Deux fontaines en 2027.',
};

test('the status mail is written in the author’s language, with the answer and a link to the idea', () => {
  const fr = composeIdeaStatusMail({ ...input, locale: 'fr' }, 'https://trajectoire.test/');
  expect(fr.to).toBe('lecteur@demo.trajectoire.test');
  expect(fr.subject).toBe('Votre idée « Des fontaines à eau » : Acceptée');
  expect(fr.text).toContain('Réponse : Deux fontaines en 2027.');
  expect(fr.text).toContain('https://trajectoire.test/ideas/idea-1');
  expect(fr.html).toContain('lang="fr"');

  const en = composeIdeaStatusMail({ ...input, locale: 'en', answer: null, status: 'under_study' }, 'https://t.test');
  expect(en.subject).toBe('Your idea "Des fontaines à eau": Under study');
  expect(en.text).not.toContain('Answer:');
  // No stored language: French.
  expect(composeIdeaStatusMail({ ...input, locale: '' }, 'https://t.test').subject).toContain('Votre idée');
});
