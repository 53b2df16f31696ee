// Each step of the resident's form has its own address, so the browser's Back and a reload return to
// the same step: /permohonan/<id> (applicant), …/isian, …/dokumen, …/tinjau (check), …/kirim.
import type { FieldStep, Step } from '../../../domain/forms/steps.ts';

const SEGMENT: Record<Step, string> = {
  applicant: '',
  answers: '/isian',
  documents: '/dokumen',
  check: '/tinjau',
  send: '/kirim',
};

export const stepHref = (draftId: string, step: Step): string => `/permohonan/${draftId}${SEGMENT[step]}`;

/** The field step an address shows (the form's screen serves the first three). */
export function fieldStepOfPath(path: string): FieldStep {
  if (path.endsWith(SEGMENT.answers)) return 'answers';
  if (path.endsWith(SEGMENT.documents)) return 'documents';
  return 'applicant';
}
