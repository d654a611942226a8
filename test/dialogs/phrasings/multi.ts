/**
 * Multiple choices with the real option lists: the themes, the kaders, and the fit question that lists
 * both (help.fit).
 */
import { err, type Row, rows } from './table.js';

export type MultiSlot = 'initiative.themes' | 'initiative.kaders' | 'help.fit';

export const MULTI: Record<MultiSlot, Row<string[]>[]> = {
  'initiative.themes': [
    ...rows<string[]>('nl', 'resident', [
      [
        'buren leren elkaar kennen, dus verbinding',
        [['verbinding'], { kind: 'in-sentence', said: 'verbinding' }],
      ],
      ['verbinding', ['verbinding']],
      ['verbinding en levendigheid', ['levendigheid', 'verbinding']],
      ['Verbinding, vitaliteit', ['verbinding', 'vitaliteit']],
      ['levendigheid want er is muziek', [['levendigheid'], 'in-sentence']],
      ['verbindng', [['verbinding'], { kind: 'typo', said: 'verbindng', meant: 'verbinding' }]],
      ['vitaliteit, de ouderen gaan samen wandelen', [['vitaliteit'], 'in-sentence']],
      ['omzien naar elkaar', ['omzien-naar-elkaar']],
      ['Omzien naar elkaar en verbinding!', ['verbinding', 'omzien-naar-elkaar']],
      ['vooral omzien naar elkaar', [['omzien-naar-elkaar'], 'in-sentence']],
      ['het wordt heel levendig in de straat', [['levendigheid'], 'in-sentence']],
      ['levendigheid, voetbal', err('unknown-choice')],
      ['geen', []],
      ['geen van allen', []],
      ['1 en 2', ['levendigheid', 'verbinding']],
      ['verbinding 🤝 en vitaliteit 💪', ['verbinding', 'vitaliteit']],
      ['niet levendigheid maar verbinding', [['verbinding'], 'in-sentence']],
      ['paarden', err('unknown-choice')],
    ]),
    ...rows<string[]>('en', 'resident', [
      ['connection', ['verbinding']],
      ['connection and vitality', ['verbinding', 'vitaliteit']],
      ['connection, because the neighbours get to know each other', [['verbinding'], 'in-sentence']],
      ['liveliness', ['levendigheid']],
      ['caring for each other', ['omzien-naar-elkaar']],
      ['vitalty', [['vitaliteit'], 'typo']],
      ['mostly connection I think', [['verbinding'], 'in-sentence']],
      ['none', []],
      ['none of these', []],
      ['connection, football', err('unknown-choice')],
    ]),
    ...rows<string[]>('nl', 'buurtwerker', [
      ['voor haar is het vooral verbinding', [['verbinding'], 'in-sentence']],
      [
        'verbinding en omzien naar elkaar, de buren helpen elkaar',
        [['verbinding', 'omzien-naar-elkaar'], 'in-sentence'],
      ],
      ['vitaliteit (ouderen bewegen)', [['vitaliteit'], 'in-sentence']],
      ['levendigheid en verbinding volgens de bewoner', [['levendigheid', 'verbinding'], 'in-sentence']],
      ['verbinding; ze wil de buren bij elkaar brengen', [['verbinding'], 'in-sentence']],
    ]),
    ...rows<string[]>('en', 'buurtwerker', [
      ['she says connection and liveliness', [['levendigheid', 'verbinding'], 'in-sentence']],
      ['caring for each other, the neighbours help out', [['omzien-naar-elkaar'], 'in-sentence']],
    ]),
  ],

  'initiative.kaders': [
    ...rows<string[]>('nl', 'resident', [
      ['samen bouwen', ['samen-bouwen']],
      ['dichtbij de inwoner en samen bouwen', ['samen-bouwen', 'dichtbij']],
      ['voorkomen is beter dan genezen', ['voorkomen']],
      ['preventie', ['voorkomen']],
      ['de kracht van inwoners', ['kracht-inwoners']],
      ['Samen bouwen en elkaar vertrouwen', ['samen-bouwen']],
      ['dichtbij, want het is in onze straat', [['dichtbij'], 'in-sentence']],
      ['geen van deze', []],
      ['elkaar vertrouwen', err('unknown-choice')],
    ]),
    ...rows<string[]>('en', 'resident', [
      ['close to the resident', ['dichtbij']],
      ['prevention is better than cure', ['voorkomen']],
      ['building together', ['samen-bouwen']],
      ['prevention and close to the resident', ['voorkomen', 'dichtbij']],
    ]),
    ...rows<string[]>('nl', 'buurtwerker', [
      ['de vraag van de inwoner staat centraal', ['vraag-inwoner']],
      ['dichtbij de inwoner, de bewoner doet het zelf', [['dichtbij'], 'in-sentence']],
      ['samen bouwen en de kracht van inwoners', ['samen-bouwen', 'kracht-inwoners']],
    ]),
    ...rows<string[]>('en', 'buurtwerker', [
      ['the strength of residents, she does it herself', [['kracht-inwoners'], 'in-sentence']],
    ]),
  ],

  'help.fit': [
    ...rows<string[]>('nl', 'resident', [
      ['verbinding en dichtbij', ['verbinding', 'dichtbij']],
      [
        'buren leren elkaar kennen, dus verbinding en samen bouwen',
        [['verbinding', 'samen-bouwen'], { kind: 'in-sentence', said: 'verbinding, samen bouwen' }],
      ],
      ['thema verbinding', ['verbinding']],
      ['vitaliteit, want de ouderen gaan wandelen', [['vitaliteit'], 'in-sentence']],
      ['levendigheid en voorkomen', ['levendigheid', 'voorkomen']],
      ['geen van deze', []],
      ['levendigheid, verbinding en dichtbij de inwoner', ['levendigheid', 'verbinding', 'dichtbij']],
    ]),
    ...rows<string[]>('en', 'resident', [
      ['connection and close to the resident', ['verbinding', 'dichtbij']],
      ['connection, the neighbours meet each other', [['verbinding'], 'in-sentence']],
      ['none of these', []],
    ]),
    ...rows<string[]>('nl', 'buurtwerker', [
      ['voor haar is het vooral verbinding', [['verbinding'], 'in-sentence']],
      ['omzien naar elkaar en dichtbij de inwoner', ['omzien-naar-elkaar', 'dichtbij']],
    ]),
    ...rows<string[]>('en', 'buurtwerker', [
      ['connection, she knows all the neighbours', [['verbinding'], 'in-sentence']],
    ]),
  ],
};
