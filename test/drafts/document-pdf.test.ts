import { describe, expect, it } from 'vitest';
import { DOCUMENT_CATALOGS } from '../../drafts/document/labels.js';
import { assessmentIn, buildDocumentModel } from '../../drafts/document/model.js';
import { pdfText } from '../../drafts/document/pdf-text.js';
import { renderDraftPdf } from '../../drafts/document-pdf.js';
import type { DraftApplication } from '../../drafts/draft.js';
import type { Lang } from '../../rules/index.js';
import { assess, formatDate, formatEuros, message } from '../../rules/index.js';
import { ELIGIBLE_ORGANISATION } from '../helpers/intake-answers.js';
import {
  draftThroughDialog,
  LATE_CORE_ACTIVITY,
  READING_PROJECT,
  STREET_PARTY,
  storedDraft,
  TODAY,
} from './fixtures.js';
import type { PdfContent } from './pdf-text.js';
import { readPdf } from './pdf-text.js';

/** pdf.js joins wrapped lines with a space: compare text with all white space removed. */
const squeeze = (s: string) => s.replace(/\s+/g, '');
const contains = (content: PdfContent, text: string) => squeeze(content.text).includes(squeeze(text));
const heading = (lang: Lang, id: string) =>
  (DOCUMENT_CATALOGS[lang].sections as Record<string, string>)[id] as string;

async function render(draft: DraftApplication, lang: Lang) {
  return readPdf(await renderDraftPdf(draft, lang));
}

describe('renderDraftPdf: the Dutch document', () => {
  const draft = storedDraft({ lang: 'nl' });

  it('is a tagged A4 PDF in Dutch with the title, reference and date', async () => {
    const pdf = await renderDraftPdf(draft, 'nl');
    expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');
    const content = await readPdf(pdf);
    expect(content.language).toBe('nl-NL');
    expect(content.hasStructTree).toBe(true);
    expect(content.info.Title).toBe('Conceptaanvraag MAG-subsidie MAG-2026-000042');
    expect(content.text.startsWith('Conceptaanvraag MAG-subsidie')).toBe(true);
    expect(content.text).toContain('MAG-2026-000042');
    expect(content.text).toContain('23 november 2026');
  });

  it('fills in the form: applicant, initiative, themes and kaders, type and tier, route', async () => {
    const content = await render(draft, 'nl');
    for (const text of [
      'Anneke de Vries-Ëlberg',
      'Stichting Leesplezier Giessendam',
      'anneke@example.org',
      '06 12345678',
      'Voorleesochtenden in de bibliotheek',
      'Daarna knutselen we samen.',
      'Kinderen van 4 tot 8 jaar en hun ouders',
      'Bibliotheek Hardinxveld, Peulenlaan',
      '10 januari 2027',
      '30 juni 2027',
      'Verbinding',
      'Vitaliteit',
      'Samen bouwen en elkaar vertrouwen',
      'De kracht van inwoners en organisaties wordt benut',
      'Eenmalig initiatief',
      'Tot en met € 10.000',
      'De MAG-consulent van de gemeente',
      'De klankbordgroep',
    ]) {
      expect(contains(content, text), text).toBe(true);
    }
  });

  it('shows the amounts in euros, with the own part and the amount per participant', async () => {
    const content = await render(draft, 'nl');
    expect(content.text).toContain('Gevraagd bedrag € 4.000');
    expect(content.text).toContain('Totale kosten € 6.250,50');
    expect(content.text).toContain('Bijdragen van anderen € 1.000');
    // 6.250,50 − 1.000 − 4.000
    expect(content.text).toContain('Eigen deel € 1.250,50');
    expect(content.text).toContain('Gevraagd per deelnemer € 100');
  });

  it('has the verdict, every finding with its severity and article, every attachment and every date', async () => {
    const content = await render(draft, 'nl');
    const assessment = draft.assessment;
    expect(content.text).toContain(message('nl', 'codes.verdicts.eligible'));
    expect(assessment.findings.map((f) => f.rule)).toEqual(
      expect.arrayContaining(['late-application', 'food-and-drink', 'vog-required', 'cost-per-participant']),
    );
    for (const f of assessment.findings) {
      expect(contains(content, f.message), f.rule).toBe(true);
      expect(contains(content, `Bron: ${f.source}`), f.rule).toBe(true);
    }
    expect(content.text).toContain('art. 6');
    expect(content.text).toContain('Bijlage 2');
    for (const label of ['Let op', 'Goed om te weten']) expect(content.text).toContain(label);

    expect(assessment.checklist!.length).toBeGreaterThanOrEqual(8);
    for (const c of assessment.checklist!) expect(contains(content, c.label), c.id).toBe(true);
    expect(content.text).toContain('gratisvog.nl');

    expect(assessment.deadlines!.length).toBeGreaterThanOrEqual(3);
    for (const d of assessment.deadlines!) {
      expect(contains(content, formatDate(d.date, 'nl')), d.id).toBe(true);
      expect(contains(content, d.label), d.id).toBe(true);
    }
    // The application should have been in 8 weeks before the start: that day had passed already.
    expect(content.text).toContain('15 november 2026 Aanvraag uiterlijk binnen bij de gemeente (al voorbij)');
  });

  it('says what happens next and which rules were applied, with page numbers', async () => {
    const content = await render(draft, 'nl');
    for (const id of [
      'applicant',
      'initiative',
      'money',
      'check',
      'attachments',
      'deadlines',
      'next',
      'ruleset',
    ]) {
      expect(content.text, id).toContain(heading('nl', id));
    }
    // In this order.
    const positions = [
      'Aanvrager',
      'Initiatief',
      'Bedragen',
      'Controle door de assistent',
      'Bijlagen nog te sturen',
    ]
      .concat(['Belangrijke datums', 'Wat gebeurt er nu', 'Regeling'])
      .map((h) => content.text.indexOf(`${h} `));
    expect([...positions].sort((a, b) => a - b)).toEqual(positions);
    expect(content.text).toContain('De MAG-consulent van de gemeente beslist over uw aanvraag.');
    expect(content.text).toContain('U krijgt een gesprek met de gemeente over uw aanvraag.');
    expect(contains(content, 'vóór 18 januari 2027')).toBe(true);
    expect(content.text).toContain('MAG@hardinxveld-giessendam.nl');
    expect(content.text).toContain('Subsidieregeling MAG (mag-2024)');
    expect(content.text).toContain('Gecontroleerd op 23 november 2026');
    expect(content.text).toContain('Bijlage 2, Beslissing en beslistermijn');
    content.pageTexts.forEach((page, i) => {
      expect(page).toContain(`Pagina ${i + 1} van ${content.pages}`);
      expect(page).toContain('MAG-2026-000042');
    });
  });
});

describe('renderDraftPdf: Dutch and English', () => {
  it('writes the English document in English, with the same codes, articles, dates and attachments', async () => {
    // The conversation was in Dutch: the English document runs the rules again in English.
    const draft = storedDraft({ lang: 'nl' });
    const [nl, en] = await Promise.all([render(draft, 'nl'), render(draft, 'en')]);
    const english = assess(draft.input, { today: TODAY, lang: 'en' });

    expect(en.language).toBe('en-GB');
    expect(en.text.startsWith('Draft application for a MAG subsidy')).toBe(true);
    for (const id of [
      'applicant',
      'initiative',
      'money',
      'check',
      'attachments',
      'deadlines',
      'next',
      'ruleset',
    ]) {
      expect(en.text, id).toContain(heading('en', id));
      expect(en.text, id).not.toContain(`${heading('nl', id)} `);
    }
    expect(english.findings.map((f) => f.rule)).toEqual(draft.assessment.findings.map((f) => f.rule));
    for (const [i, f] of english.findings.entries()) {
      const dutch = draft.assessment.findings[i]!;
      expect(f.message).not.toBe(dutch.message);
      expect(contains(en, f.message), f.rule).toBe(true);
      expect(contains(en, dutch.message), f.rule).toBe(false);
      expect(contains(nl, dutch.message), f.rule).toBe(true);
      // The articles are the same in both.
      expect(contains(en, `Source: ${f.source}`), f.rule).toBe(true);
      expect(contains(nl, `Bron: ${dutch.source}`), f.rule).toBe(true);
    }
    for (const c of english.checklist!) expect(contains(en, c.label), c.id).toBe(true);
    for (const d of english.deadlines!) expect(contains(en, formatDate(d.date, 'en')), d.id).toBe(true);
    expect(en.text).toContain('Amount requested €4,000');
    expect(en.text).toContain('Total costs €6,250.50');
    expect(en.text).toContain('Page 1 of');
    const articles = (c: PdfContent) =>
      [...c.text.matchAll(/art\. \d+( lid \d)?( sub [a-d])?|Bijlage \d( §\d)?/g)].map((m) => m[0]);
    expect(articles(en).sort()).toEqual(articles(nl).sort());
  });

  it('keeps exactly what the resident saw when the document is in the conversation’s language', async () => {
    const draft = storedDraft({ lang: 'en', input: LATE_CORE_ACTIVITY });
    expect(assessmentIn(draft, 'en')).toBe(draft.assessment);
    const en = await render(draft, 'en');
    for (const f of draft.assessment.findings) expect(contains(en, f.message), f.rule).toBe(true);
    // The consulent's copy is Dutch: same outcome, Dutch wording.
    const nl = await render(draft, 'nl');
    expect(nl.text).toContain(message('nl', 'codes.verdicts.not-eligible'));
    expect(nl.text).toContain('Afwijzing');
    expect(contains(nl, assess(draft.input, { today: TODAY, lang: 'nl' }).findings[0]!.message)).toBe(true);
  });

  it('keeps the stored outcome when a new run of the rules would differ (a deployment’s lower budget)', () => {
    const draft = storedDraft({ lang: 'en' });
    const tampered: DraftApplication = {
      ...draft,
      assessment: {
        ...draft.assessment,
        findings: [
          ...draft.assessment.findings,
          { rule: 'budget-ceiling', severity: 'refusal', source: 'art. 3 sub b', message: 'Stored wording' },
        ],
      },
    };
    const dutch = assessmentIn(tampered, 'nl');
    expect(dutch.findings.map((f) => f.rule)).toEqual(tampered.assessment.findings.map((f) => f.rule));
    expect(dutch.findings.at(-1)!.message).toBe('Stored wording');
    expect(dutch.findings[0]!.message).toBe(
      assess(draft.input, { today: TODAY, lang: 'nl' }).findings[0]!.message,
    );
    expect(dutch.checklist![0]!.label).toBe(message('nl', 'checklist.aanvraagformulier'));
  });
});

describe('renderDraftPdf: other routes', () => {
  it('sends a resident’s neighbourhood initiative to the buurtwerker, without a checklist', async () => {
    const draft = storedDraft({ input: STREET_PARTY, contact: { organisation: undefined } });
    expect(draft.assessment.verdict).toBe('refer');
    const content = await render(draft, 'nl');
    expect(content.text).toContain(message('nl', 'codes.verdicts.refer'));
    expect(content.text).toContain('Buurtinitiatief tot en met € 500');
    expect(contains(content, 'hoeft u geen formulier en geen bijlagen te sturen')).toBe(true);
    expect(content.text).not.toContain('Aanvraagformulier');
    expect(content.text).not.toContain('Organisatie ');
  });

  it('has nothing to send for a refused application, and says so', async () => {
    const draft = storedDraft({ input: LATE_CORE_ACTIVITY });
    const content = await render(draft, 'nl');
    expect(content.text).toContain('U komt niet in aanmerking voor MAG-subsidie.');
    expect(content.text).toContain('Afwijzing');
    expect(content.text).toContain('art. 5');
    expect(contains(content, 'U hoeft niets te sturen.')).toBe(true);
    expect(content.text).toContain('Er zijn geen datums om te onthouden.');
    expect(content.text).toContain('€ 25.000');
  });

  it('writes "niet ingevuld" for what is missing and explains an own part below zero', async () => {
    const input = {
      ...READING_PROJECT,
      initiative: { ...READING_PROJECT.initiative, endDate: undefined },
      money: { ...READING_PROJECT.money, totalCosts: 4500, thirdPartyContributions: 1000 },
    };
    const draft = storedDraft({ input, contact: { phone: undefined } });
    const content = await render(draft, 'nl');
    expect(content.text).toContain('Telefoon niet ingevuld');
    expect(content.text).toContain('Einddatum niet ingevuld');
    expect(content.text).toContain('Eigen deel geen: u vraagt meer dan de kosten die overblijven');
    // exceeds-remaining-costs: at most 4.500 − 1.000.
    expect(contains(content, `U kunt hoogstens ${formatEuros(3_500_00, 'nl')} vragen.`)).toBe(true);
  });

  it('renders a draft made by the real dialog in both languages', async () => {
    const made = draftThroughDialog();
    const draft: DraftApplication = {
      ...made,
      id: 'd1',
      reference: 'MAG-2026-000007',
      status: 'nieuw',
      statusHistory: [],
      createdAt: '2026-11-23T10:00:00.000Z',
      updatedAt: '2026-11-23T10:00:00.000Z',
    };
    // The idea told at the start is the description (the dialog does not ask for it twice).
    expect(draft.form.description).toBe(ELIGIBLE_ORGANISATION['help.idea']!.text);
    const [nl, en] = await Promise.all([render(draft, 'nl'), render(draft, 'en')]);
    expect(nl.text).toContain('Buurtfeest “Samen” in de Peulenstraat');
    expect(nl.text).toContain(draft.form.description);
    expect(nl.text).toContain('Jan Jansen');
    expect(nl.text).toContain('€ 700');
    expect(en.text).toContain('€700');
    for (const c of draft.assessment.checklist!) expect(contains(nl, c.label), c.id).toBe(true);
    // What the consulent needs for the letter and the payment, as the dialog read it.
    expect(draft.contact).toMatchObject({
      role: 'penningmeester',
      address: 'Peulenstraat 1, 3371 AB Hardinxveld-Giessendam',
      kvk: '40831234',
      iban: 'NL91 ABNA 0417 1643 00',
    });
    for (const text of [
      'Postadres',
      'Peulenstraat 1, 3371 AB',
      'NL91 ABNA 0417 1643 00',
      '40831234',
      'penningmeester',
    ])
      expect(contains(nl, text), text).toBe(true);
  });
});

describe('renderDraftPdf: what residents type', () => {
  const word = 'x'.repeat(3000);
  const description = [
    '<script>alert(1)</script> & "quotes" \\ (brackets) ) /Type /Page',
    'Right-to-left: \u202Eevil\u202C and \u200Fmark\u200E here; zero\u200Bwidth\u2060joiner',
    'Emoji 🎉👨‍👩‍👧 end.\u0000\u0007\u001b[31m\u0085',
    word,
    'Last line',
  ].join('\n');
  const draft = storedDraft({
    form: {
      description,
      title: '‘Samen’ — “koken” … €'.concat(' café naïve'),
      targetGroup: 'y'.repeat(6000),
    },
    contact: { name: 'Şükrü Yılmaz-Łukasz' },
  });

  it('shows the text as text: no markup, no control or direction characters, long words wrapped', async () => {
    const pdf = await renderDraftPdf(draft, 'nl');
    const content = await readPdf(pdf);
    expect(content.text).toContain('<script>alert(1)</script> & "quotes" \\ (brackets) ) /Type /Page');
    expect(content.text).toContain('Right-to-left: evil and mark here; zerowidthjoiner');
    expect(content.text).toContain('Emoji end.[31m');
    const invisible = [...content.text].filter((ch) => {
      const cp = ch.codePointAt(0)!;
      return (
        cp < 0x20 ||
        (cp >= 0x7f && cp <= 0x9f) ||
        (cp >= 0x200b && cp <= 0x200f) ||
        (cp >= 0x202a && cp <= 0x202e)
      );
    });
    expect(invisible).toEqual([]);
    // The word runs over a page: leave out the footer between its parts.
    const withoutFooters = squeeze(content.text).replace(/MAG-2026-000042Pagina\d+van\d+/g, '');
    expect(withoutFooters).toContain(word);
    // A form field longer than a page flows on to the next page.
    expect(withoutFooters).toContain(`Voorwie${'y'.repeat(6000)}Plek`);
    expect(content.text).toContain('Last line');
    expect(content.text).toContain('‘Samen’ — “koken” … € café naïve');
    expect(content.text).toContain('Şükrü Yılmaz-Łukasz');
  });

  it('keeps names and text in other scripts as typed, and an emoji does not break the document', async () => {
    const names = ['Şükrü Yılmaz', 'Ελένη', 'Ольга', 'Zoë Ñúñez'];
    const content = await render(
      storedDraft({
        form: { description: `${names.join(' en ')} koken samen 🎉👍🏽 met ☕ en ❤️.` },
        contact: { name: names.join(', ') },
      }),
      'nl',
    );
    expect(content.text).toContain(`Naam ${names.join(', ')}`);
    // Emoji the font lacks are left out; symbols it has (☕, ❤ without its emoji selector) stay.
    expect(content.text).toContain(`Beschrijving ${names.join(' en ')} koken samen met ☕ en ❤.`);
    expect(content.text).toContain('Pagina 1 van');
  });

  it('keeps every line inside the page margins', async () => {
    const { getDocument } = await import('pdfjs-dist/legacy/build/pdf.mjs');
    const doc = await getDocument({ data: new Uint8Array(await renderDraftPdf(draft, 'nl')), verbosity: 0 })
      .promise;
    try {
      for (let n = 1; n <= doc.numPages; n++) {
        const page = await doc.getPage(n);
        const [, , width] = page.view as [number, number, number, number];
        for (const item of (await page.getTextContent()).items) {
          if (!('str' in item) || item.str.trim() === '') continue;
          const x = item.transform[4] as number;
          expect(x, item.str.slice(0, 20)).toBeGreaterThanOrEqual(56);
          expect(x + item.width, item.str.slice(0, 20)).toBeLessThanOrEqual(width - 56);
        }
      }
    } finally {
      await doc.destroy();
    }
  });

  it('keeps what DejaVu Sans can show', () => {
    expect(pdfText('€ ë é ‘a’ “b” – — …')).toBe('€ ë é ‘a’ “b” – — …');
    expect(pdfText('Łódź, ı, ş, ğ, İ, ǅ, ﬁ')).toBe('Łódź, ı, ş, ğ, İ, ǅ, ﬁ');
    expect(pdfText('Şükrü Yılmaz, Ελένη, Ольга, Zoë Ñúñez')).toBe('Şükrü Yılmaz, Ελένη, Ольга, Zoë Ñúñez');
    expect(pdfText('שלום')).toBe('שלום');
    // What the font lacks: full-width letters become plain ones, CJK becomes `?`.
    expect(pdfText('Ｍ 漢字')).toBe('M ??');
    expect(pdfText('a\u202Eb\u200Fc\u00ADd\uFEFFe')).toBe('abcde');
    expect(pdfText('one\ntwo\r\n\n\n\nthree\tfour', { multiline: true })).toBe('one\ntwo\n\nthree four');
    expect(pdfText('one\ntwo')).toBe('one two');
    expect(pdfText('🎉 party 👍🏽!')).toBe('party !');
    expect(pdfText('\u0080\u0085\u009f')).toBe('');
  });
});

describe('document texts', () => {
  type Tree = { [key: string]: Tree | string };
  const leaves = (tree: Tree, prefix = ''): [string, string][] =>
    Object.entries(tree).flatMap(([k, v]) =>
      typeof v === 'string' ? [[`${prefix}${k}`, v] as [string, string]] : leaves(v, `${prefix}${k}.`),
    );
  const placeholders = (s: string) => [...s.matchAll(/\{\{\s*(\w+)\s*\}\}/g)].map((m) => m[1]).sort();

  it('has the same keys and placeholders in Dutch and English, and no empty text', () => {
    const nl = new Map(leaves(DOCUMENT_CATALOGS.nl as unknown as Tree));
    const en = new Map(leaves(DOCUMENT_CATALOGS.en as unknown as Tree));
    expect([...nl.keys()].sort()).toEqual([...en.keys()].sort());
    for (const [key, text] of nl) {
      expect(placeholders(text), key).toEqual(placeholders(en.get(key)!));
      expect(text.trim(), key).not.toBe('');
    }
  });

  it('addresses residents as "u" in Dutch', () => {
    const informal = leaves(DOCUMENT_CATALOGS.nl as unknown as Tree).filter(([, v]) =>
      /\b(je|jij|jouw)\b/i.test(v),
    );
    expect(informal).toEqual([]);
  });

  it('builds every section for every route without a missing text', () => {
    for (const input of [READING_PROJECT, STREET_PARTY, LATE_CORE_ACTIVITY]) {
      for (const lang of ['nl', 'en'] as const) {
        const model = buildDocumentModel(storedDraft({ input }), lang);
        expect(model.sections.map((s) => s.id)).toEqual(
          expect.arrayContaining([
            'applicant',
            'initiative',
            'money',
            'check',
            'attachments',
            'deadlines',
            'next',
          ]),
        );
      }
    }
  });
});

describe('renderDraftPdf: speed', () => {
  it('renders one document well under 200 ms', async () => {
    const draft = storedDraft({ lang: 'nl' });
    await renderDraftPdf(draft, 'en'); // load the fonts' metrics once
    const times: number[] = [];
    for (let i = 0; i < 10; i++) {
      const start = performance.now();
      await renderDraftPdf(draft, i % 2 ? 'en' : 'nl');
      times.push(performance.now() - start);
    }
    times.sort((a, b) => a - b);
    const median = times[5]!;
    console.log(
      `renderDraftPdf: median ${median.toFixed(1)} ms, slowest ${times.at(-1)!.toFixed(1)} ms (10 runs)`,
    );
    expect(median).toBeLessThan(200);
  });
});
