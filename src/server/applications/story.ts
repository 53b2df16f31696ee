// The whole story of an application as its resident's device receives it with each update (issue
// #15): its history (each move, what the office said, pickup place and time) and its issued
// documents. Selected in the same query as the update, so one pull brings everything, offline after.

import type { ApplicationStatus, Pickup } from '../../domain/submissions/submission.ts';
import { TIMELINE_MAX, type TimelineStep } from '../../domain/submissions/submission.ts';
import { timestampToIso } from '../storage/timestamps.ts';
import { DOCUMENTS_JSON, issuedFromJson } from './documents.ts';

type StepJson = { at: string; status: ApplicationStatus; message: string | null; pickup: Pickup | null };

/** The columns a row of `applications` (aliased `alias`) needs for residentStory. */
export const RESIDENT_STORY = (alias: string) => `(
  select coalesce(jsonb_agg(jsonb_build_object('at', e.at, 'status', e.to_status, 'message', e.message, 'pickup', e.pickup)
                            order by e.id), '[]'::jsonb)
    from (select * from application_events where application_id = ${alias}.id order by id desc limit ${TIMELINE_MAX}) e
  ) as timeline_json, ${DOCUMENTS_JSON(alias)} as documents_json`;

export type ResidentStory = {
  timeline_json: StepJson[] | null;
  documents_json: Parameters<typeof issuedFromJson>[0];
};

/** The timeline and documents of a row that selected RESIDENT_STORY. No actor: the office speaks as one. */
export function residentStory(r: ResidentStory) {
  const timeline: TimelineStep[] = (r.timeline_json ?? []).map((e) => ({
    at: timestampToIso(e.at),
    status: e.status,
    ...(e.message ? { message: e.message } : {}),
    ...(e.pickup ? { pickup: e.pickup } : {}),
  }));
  return { timeline, documents: issuedFromJson(r.documents_json) };
}
