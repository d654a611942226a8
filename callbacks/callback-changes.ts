import { firstVersion } from '../drafts/draft-changes.js';
import type { CallbackRequest, CallbackStatus, NewCallback } from './callback.js';

// What a callback request becomes when stored or changed: its own business, the same in every store.

/** A new request as first stored: as a draft is (status `nieuw`, set by the assistant at `at`). */
export const storedCallback = (request: NewCallback, reference: string, at: string): CallbackRequest =>
  firstVersion(request, reference, at);

/** The request in `status` as of `at`, the change added to its history. */
export function withCallbackStatus(
  request: CallbackRequest,
  at: string,
  status: CallbackStatus,
  by: string,
): CallbackRequest {
  return {
    ...request,
    status,
    updatedAt: at,
    statusHistory: [...request.statusHistory, { status, by, at }],
  };
}
