// What a draft's screen needs from the device database, in one module the gate loads after its
// first render (DraftGate.tsx): the live query and the screens of a sent application. Nothing
// here is on the way to the form's first field.
export { DocumentField } from './fields/DocumentField.tsx';
export { CorrectionNotice, Submitted } from './Submitted.tsx';
export { serviceDraft$ } from './useServiceDraft.ts';
