import { describe, expect, test } from 'vitest';
import { parseInline, parseMarkdown } from './document-markdown';

describe('narrative Markdown', () => {
  test('blank lines separate paragraphs and lines inside a paragraph join with a space', () => {
    expect(parseMarkdown('Première ligne\nsuite\n\nSecond paragraphe')).toEqual([
      { kind: 'paragraph', runs: [{ kind: 'text', text: 'Première ligne suite' }] },
      { kind: 'paragraph', runs: [{ kind: 'text', text: 'Second paragraphe' }] },
    ]);
  });

  test('headings of one to three hashes become subheadings; four hashes stay text', () => {
    expect(parseMarkdown('# Un\n### Trois **gras** ###\n#### Quatre')).toEqual([
      { kind: 'subheading', text: 'Un' },
      { kind: 'subheading', text: 'Trois gras' },
      { kind: 'paragraph', runs: [{ kind: 'text', text: '#### Quatre' }] },
    ]);
  });

  test('bullet and numbered lists, with continuation lines, switch when the marker changes', () => {
    expect(parseMarkdown('- un\n  suite\n* deux\n1. premier\n2) second\n\nfin')).toEqual([
      {
        kind: 'list',
        ordered: false,
        items: [[{ kind: 'text', text: 'un suite' }], [{ kind: 'text', text: 'deux' }]],
      },
      {
        kind: 'list',
        ordered: true,
        items: [[{ kind: 'text', text: 'premier' }], [{ kind: 'text', text: 'second' }]],
      },
      { kind: 'paragraph', runs: [{ kind: 'text', text: 'fin' }] },
    ]);
  });

  test('strong, emphasis and links are read; unmatched marks stay text', () => {
    expect(parseInline('a **b** *c* _d_ [e](https://x.org/a_(b)) 2 * 3 **f')).toEqual([
      { kind: 'text', text: 'a ' },
      { kind: 'strong', text: 'b' },
      { kind: 'text', text: ' ' },
      { kind: 'emphasis', text: 'c' },
      { kind: 'text', text: ' ' },
      { kind: 'emphasis', text: 'd' },
      { kind: 'text', text: ' ' },
      { kind: 'link', text: 'e', href: 'https://x.org/a_(b)' },
      { kind: 'text', text: ' 2 * 3 **f' },
    ]);
  });

  test('only http, https and mailto links survive; others keep their label only', () => {
    expect(parseInline('[a](mailto:dd@x.fr) [b](javascript:alert(1)) [c](data:text/html,x) [d](/relative)')).toEqual([
      { kind: 'link', text: 'a', href: 'mailto:dd@x.fr' },
      { kind: 'text', text: ' b c d' },
    ]);
  });

  test('raw HTML is kept as literal text, never as markup', () => {
    expect(parseMarkdown('<script>alert(1)</script> <b onclick="x">gras</b>')).toEqual([
      { kind: 'paragraph', runs: [{ kind: 'text', text: '<script>alert(1)</script> <b onclick="x">gras</b>' }] },
    ]);
  });

  test('backslash escapes keep marks as text, and snake_case words are not emphasis', () => {
    expect(parseInline('\\*pas en italique\\* et nom_de_variable')).toEqual([
      { kind: 'text', text: '*pas en italique* et nom_de_variable' },
    ]);
  });

  test('Windows line endings and empty input are handled', () => {
    expect(parseMarkdown('a\r\n\r\nb')).toHaveLength(2);
    expect(parseMarkdown('')).toEqual([]);
    expect(parseMarkdown('   \n\n')).toEqual([]);
  });
});
