/**
 * "I don't know", to every kind of question: the parser says 'dont-know', so that the dialog helps the
 * person find out instead of asking for yes or no, a number or one of the options again.
 */
import { err, type Row, rows } from './table.js';

export type DontKnowParser =
  | 'yes-no'
  | 'amount'
  | 'count'
  | 'date'
  | 'applicant.kind'
  | 'initiative.type'
  | 'help.location'
  | 'initiative.themes'
  | 'help.fit';

const dk = err('dont-know');

export const DONT_KNOW: Record<DontKnowParser, Row<unknown>[]> = {
  'yes-no': [
    ...rows<unknown>('nl', 'resident', [
      ['weet ik niet', dk],
      ['geen idee', dk],
      ['nee, geen idee', dk],
      ['dat weet ik nog niet', dk],
      ['ik twijfel', dk],
      ['weet niet', dk],
      ['Geen flauw idee 🙈', dk],
      ['eh, weet ik eigenlijk niet', dk],
      ['?', dk],
      ['🤷', dk],
      ['hangt ervan af', dk],
      ['ja, maar ik weet het niet zeker', dk],
    ]),
    ...rows<unknown>('en', 'resident', [
      ["I don't know", dk],
      ['not sure', dk],
      ['no idea', dk],
      ["I'm not sure yet", dk],
      ['dunno', dk],
      ['🤷‍♀️', dk],
    ]),
    ...rows<unknown>('nl', 'buurtwerker', [
      ['de bewoner weet het niet', dk],
      ['ze twijfelt nog', dk],
      ['weet ze nog niet', dk],
      ['dat moet ik navragen', dk],
    ]),
    ...rows<unknown>('en', 'buurtwerker', [
      ["she doesn't know yet", dk],
      ['he is not sure', dk],
      ['I need to check with her', dk],
    ]),
  ],
  amount: [
    ...rows<unknown>('nl', 'resident', [
      ['weet ik nog niet', dk],
      ['geen idee', dk],
      ['dat moet ik nog uitrekenen', dk],
      ['weet ik niet precies', dk],
    ]),
    ...rows<unknown>('en', 'resident', [
      ['no idea yet', dk],
      ["I don't know yet", dk],
    ]),
    ...rows<unknown>('nl', 'buurtwerker', [['de bewoner weet het nog niet', dk]]),
    ...rows<unknown>('en', 'buurtwerker', [['she is not sure yet', dk]]),
  ],
  count: [
    ...rows<unknown>('nl', 'resident', [
      ['geen idee', dk],
      ['moeilijk te zeggen', dk],
      ['weet ik niet precies', dk],
    ]),
    ...rows<unknown>('en', 'resident', [
      ['hard to say', dk],
      ['no clue', dk],
    ]),
    ...rows<unknown>('nl', 'buurtwerker', [['weet ze nog niet', dk]]),
    ...rows<unknown>('en', 'buurtwerker', [["he doesn't know", dk]]),
  ],
  date: [
    ...rows<unknown>('nl', 'resident', [
      ['weet ik nog niet', dk],
      ['dat weet ik nog niet', dk],
      ['nog niet bekend', dk],
      ['geen idee, ergens in juni', dk],
    ]),
    ...rows<unknown>('en', 'resident', [
      ['not sure yet', dk],
      ['to be determined', dk],
    ]),
    ...rows<unknown>('nl', 'buurtwerker', [['de datum is nog onbekend', dk]]),
    ...rows<unknown>('en', 'buurtwerker', [["she hasn't decided yet", dk]]),
  ],
  'applicant.kind': [
    ...rows<unknown>('nl', 'resident', [
      ['weet ik niet', dk],
      ['geen idee wat ik ben', dk],
    ]),
    ...rows<unknown>('en', 'resident', [['not sure', dk]]),
    ...rows<unknown>('nl', 'buurtwerker', [['weet ik niet, ze doet het met de kerk', dk]]),
  ],
  'initiative.type': [
    ...rows<unknown>('nl', 'resident', [
      ['geen idee', dk],
      ['ik twijfel tussen evenement en eenmalig', dk],
    ]),
    ...rows<unknown>('en', 'resident', [["I don't know which one", dk]]),
    ...rows<unknown>('en', 'buurtwerker', [["she isn't sure", dk]]),
  ],
  'help.location': [
    ...rows<unknown>('nl', 'resident', [['weet niet zeker of het binnen de gemeente is', dk]]),
    ...rows<unknown>('en', 'resident', [['not sure', dk]]),
    ...rows<unknown>('nl', 'buurtwerker', [['dat weet de bewoner nog niet', dk]]),
  ],
  'initiative.themes': [
    ...rows<unknown>('nl', 'resident', [['geen idee', dk]]),
    ...rows<unknown>('en', 'resident', [['not sure which one', dk]]),
  ],
  'help.fit': [
    ...rows<unknown>('nl', 'resident', [['weet ik niet', dk]]),
    ...rows<unknown>('nl', 'buurtwerker', [['dat weet ze niet', dk]]),
  ],
};
