// The fields of an application, generated from its form definition and written to the draft on every
// change: what is on screen is the source of truth while editing, the database follows it, and an
// error shows beside its field once the field was left (a rule between answers, at once). Shared by
// the resident's form, the kiosk and the field officer's form.
import type { ComponentChildren } from 'preact';
import { useEffect, useMemo, useRef, useState } from 'preact/hooks';
import { saveAnswer, setAttachments } from '../../data/drafts/first-writes.ts';
import type { FormField } from '../../domain/catalogue/form.ts';
import { formForVersion, requirementsForVersion, type Service } from '../../domain/catalogue/service.ts';
import type { AnswerValue, AttachmentRef, Draft } from '../../domain/drafts/draft.ts';
import type { Answers, Attachments } from '../../domain/forms/answers.ts';
import { type FieldError, validateDraft } from '../../domain/forms/validate.ts';
import type { RegionDataset } from '../../domain/region.ts';
import { FormFields } from './FormFields.tsx';
import { validationContext } from './validation.ts';

type Props = {
  draft: Draft;
  service: Service;
  region: RegionDataset | undefined;
  /** Told of every write to the device (the resident's form shows whether it is saved). */
  onWrite?: (write: Promise<void>) => void;
  /** A tablet used by many people: the browser must not offer one resident's entries to the next. */
  shared?: boolean;
  /** Only these fields (one step of the resident's form); every field when absent. */
  only?: (field: FormField) => boolean;
  /** What a screen puts around the fields, inside the form (a step's error summary and buttons). */
  frame?: (fields: ComponentChildren, state: FieldsState) => ComponentChildren;
  /** The form was submitted (Enter in a field, or a submit button the frame adds). */
  onSubmit?: (state: FieldsState) => void;
};

// The photo picker needs the photo store's code: loaded beside the form, not before its first field.
type DocumentFieldView = typeof import('./fields/DocumentField.tsx').DocumentField;
let DocumentField: DocumentFieldView | undefined;
const loadDocumentField = () =>
  import('./fields/DocumentField.tsx').then((m) => {
    DocumentField = m.DocumentField;
  });

/** What is on screen now: the answers and files as entered, their errors, and a way to show errors. */
export type FieldsState = {
  answers: Answers;
  attachments: Attachments;
  errors: Record<string, FieldError>;
  /** Shows the errors of these keys (as if the person had left the fields). */
  touch: (...keys: string[]) => void;
};

export function DraftFields({ draft, service, region, onWrite, shared = false, only, frame, onSubmit }: Props) {
  // The version the draft was begun with, while that version is open.
  const form = formForVersion(service, draft.formVersion);
  // The answers on screen live here, not in state: a render while a write is on its way (a field
  // left, the save state) must show the latest keystroke, never an older value over it.
  const latest = useRef(draft.answers);
  const answers = latest.current;
  const [, redraw] = useState(0);
  const [attachments, setAttachmentState] = useState(draft.attachments);
  const [touched, setTouched] = useState<ReadonlySet<string>>(new Set());
  const ctx = useMemo(() => validationContext(region), [region]);
  const hasDocuments = form.fields.some((f) => f.kind === 'document' && (!only || only(f)));
  useEffect(() => {
    if (hasDocuments && !DocumentField) void loadDocumentField().then(() => redraw((n) => n + 1));
  }, [hasDocuments]);
  const errors = validateDraft(form, answers, attachments, ctx);

  const written = (write: Promise<void>) => (onWrite ? onWrite(write) : void write.catch(() => undefined));
  const touch = (...keys: string[]) => setTouched((s) => (keys.every((k) => s.has(k)) ? s : new Set([...s, ...keys])));
  const answer = (key: string, value: AnswerValue | undefined) => {
    const next = { ...latest.current };
    if (value === undefined || value === '') delete next[key];
    else next[key] = value;
    latest.current = next;
    // The browser shows the typed character already. The form's re-render (every field validated
    // anew) waits for the journal's commit: on a slow phone it costs more than the write, and it
    // would hold the commit's completion back behind it.
    const write = saveAnswer(draft.id, key, value);
    written(write);
    const rerender = () => redraw((n) => n + 1);
    write.then(rerender, rerender);
  };
  const attach = (key: string, refs: AttachmentRef[], groupKey: string | undefined) => {
    setAttachmentState((a) => ({ ...a, [key]: refs }));
    touch(key, ...(groupKey ? [groupKey] : []));
    written(setAttachments(draft.id, key, refs));
  };

  const state: FieldsState = { answers, attachments, errors, touch };
  const fields = (
    <FormFields
      form={form}
      requirements={requirementsForVersion(service, draft.formVersion)}
      region={region}
      ctx={ctx}
      answers={answers}
      attachments={attachments}
      errors={errors}
      touched={touched}
      onAnswer={answer}
      onBlur={(key) => touch(key)}
      only={only}
      renderDocument={(field, { error, requirementName, required, groupKey }) =>
        DocumentField && (
          <DocumentField
            key={field.key}
            field={{ ...field, required }}
            refs={attachments[field.key] ?? []}
            requirementName={requirementName}
            error={error}
            onChange={(refs) => attach(field.key, refs, groupKey)}
          />
        )
      }
    />
  );
  return (
    <form
      class="application__form"
      onSubmit={(e) => {
        e.preventDefault();
        onSubmit?.(state);
      }}
      noValidate
      {...(shared ? { autoComplete: 'off' } : {})}
    >
      {frame ? frame(fields, state) : fields}
    </form>
  );
}
