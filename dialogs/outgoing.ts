import type { Assessment } from '../rules/index.js';
import type { Answers, SlotId } from './answers.js';
import type { InputKind } from './questions.js';

export interface Choice {
  /** A code from `mag-rules.md`, `yes`/`no`, or a dialog code (`keep`, `draft`, …): the same in every language. */
  value: string;
  title: string;
  /** Not one of the question's options but a way to answer it (keep, skip, same day, help me choose): a button. */
  shortcut?: true;
}

/** One message to the person, independent of the channel; adapters turn it into activities or lines. */
export interface OutgoingMessage {
  text: string;
  /** The slot this message asks (`channelData.ask`). */
  ask?: SlotId;
  input?: InputKind;
  choices?: Choice[];
  /** More than one choice may be picked (themes, kaders, the grouped questions). */
  multiSelect?: boolean;
  /** The choices of the previous answer, asked again after `back` or from the review: shown ticked. */
  selected?: string[];
  /** A question that settles several slots: the slots it settles (`channelData.slots`). */
  slots?: string[];
  /** A single choice that settles several slots: what each choice means for them (`channelData.settles`). */
  settles?: Record<string, Answers>;
  /** The verdict, exactly as `POST /api/assess` returns it (`channelData.assessment`). */
  assessment?: Assessment;
  /**
   * Says that a callback request was made on this turn (the context's notice holds it): the channel stores
   * the request and adds its reference to this message (`channelData.callback`).
   */
  callback?: true;
}

/** Where the conversation stands after a turn. */
export type ConversationStatus = 'active' | 'submitted' | 'finished' | 'stopped';
