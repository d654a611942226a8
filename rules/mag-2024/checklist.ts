import type { AttachmentId } from '../codes.js';
import type { Facts } from '../facts.js';
import { CHECKLISTS as C, CHECKLIST_SOURCES } from './parameters.js';
import type { Route } from './route.js';

export interface ChecklistEntry {
  id: AttachmentId;
  /** `false` for what is kept rather than sent (the VOG). */
  required: boolean;
  source: string;
}

const entries = (ids: readonly AttachmentId[], source: string): ChecklistEntry[] =>
  ids.map((id) => ({ id, required: true, source }));

/** The attachments to send with the application (Bijlage 2 §1–§4). */
export function checklistOf(f: Facts, route: Route): ChecklistEntry[] {
  if (route.tier === 'buurt-500') return []; // the buurtwerker asks what they need; there is no form
  const kind = f.applicant.kind;
  let list: ChecklistEntry[];
  if (route.type === 'evenement') list = entries(C.evenement, CHECKLIST_SOURCES.evenement);
  else if (route.type === 'sport') list = entries(C.sport, CHECKLIST_SOURCES.sport);
  else if (route.tier === 'boven-10000') {
    const ids = C.kernAboveMiddle.filter(
      (id) =>
        kind !== 'kvk-professional' || !(C.kernAboveMiddleWithoutBoard as readonly string[]).includes(id),
    );
    list = entries(ids, CHECKLIST_SOURCES.kernAboveMiddle);
  } else {
    const extras =
      route.tier !== 'tot-10000'
        ? []
        : kind === 'organisation'
          ? C.organisationAboveSmall
          : kind === 'kvk-professional'
            ? C.professionalAboveSmall
            : [];
    list = entries([...C.basic, ...extras], CHECKLIST_SOURCES.basic);
  }
  if (f.initiative.worksWithVulnerable)
    list.push({ id: 'vog', required: false, source: CHECKLIST_SOURCES.vog });
  return list;
}
