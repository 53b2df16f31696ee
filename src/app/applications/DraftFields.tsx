// The fields of an application, generated from the service's form definition and written to the
// draft on every change: what is on screen is the source of truth while editing, the database follows
// it, and an error shows beside its field once the field was left. Shared by the resident's form, the
// kiosk and the field officer's form.
import { useMemo, useState } from 'preact/hooks';
import { saveAnswer, setAttachments } from '../../data/drafts/drafts.ts';
import type { Service } from '../../domain/catalogue/service.ts';
import type { AnswerValue, AttachmentRef, Draft } from '../../domain/drafts/draft.ts';
import { validateDraft } from '../../domain/forms/validate.ts';
import type { RegionDataset } from '../../domain/region.ts';
import { useI18n } from '../i18n/index.ts';
import { errorMessage } from './error-messages.ts';
import { AddressField } from './fields/AddressField.tsx';
import { DocumentField } from './fields/DocumentField.tsx';
import { FieldInput } from './fields/FieldInput.tsx';
import { validationContext } from './validation.ts';

type Props = {
  draft: Draft;
  service: Service;
  region: RegionDataset | undefined;
  /** Told of every write to the device (the resident's form shows whether it is saved). */
  onWrite?: (write: Promise<void>) => void;
  /** A tablet used by many people: the browser must not offer one resident's entries to the next. */
  shared?: boolean;
};

export function DraftFields({ draft, service, region, onWrite, shared = false }: Props) {
  const { t, lang } = useI18n();
  const [answers, setAnswers] = useState(draft.answers);
  const [attachments, setAttachmentState] = useState(draft.attachments);
  const [touched, setTouched] = useState<ReadonlySet<string>>(new Set());
  const ctx = useMemo(() => validationContext(region), [region]);
  const errors = validateDraft(service.form, answers, attachments, ctx);

  const written = (write: Promise<void>) => (onWrite ? onWrite(write) : void write.catch(() => undefined));
  const answer = (key: string, value: AnswerValue | undefined) => {
    // Saved first: the journal's put is on its way while the form re-renders.
    written(saveAnswer(draft.id, key, value));
    setAnswers((a) => {
      const next = { ...a };
      if (value === undefined || value === '') delete next[key];
      else next[key] = value;
      return next;
    });
  };
  const attach = (key: string, refs: AttachmentRef[]) => {
    setAttachmentState((a) => ({ ...a, [key]: refs }));
    setTouched((s) => new Set(s).add(key));
    written(setAttachments(draft.id, key, refs));
  };
  const blur = (key: string) => setTouched((s) => (s.has(key) ? s : new Set(s).add(key)));
  const shown = (key: string) => (touched.has(key) && errors[key] ? errorMessage(errors[key], t) : undefined);

  return (
    <form
      class="application__form"
      onSubmit={(e) => e.preventDefault()}
      noValidate
      {...(shared ? { autoComplete: 'off' } : {})}
    >
      {service.form.fields.map((field) => {
        switch (field.kind) {
          case 'document':
            return (
              <DocumentField
                key={field.key}
                field={field}
                refs={attachments[field.key] ?? []}
                requirementName={service.requirements.find((r) => r.id === field.requirementId)?.name[lang]}
                error={shown(field.key)}
                onChange={(refs) => attach(field.key, refs)}
              />
            );
          case 'address':
            return (
              <AddressField
                key={field.key}
                field={field}
                value={answers[field.key]}
                region={region}
                error={shown(field.key)}
                onChange={(v) => answer(field.key, v)}
                onBlur={() => blur(field.key)}
              />
            );
          default:
            return (
              <FieldInput
                key={field.key}
                field={field}
                value={answers[field.key]}
                error={shown(field.key)}
                onChange={(v) => answer(field.key, v)}
                onBlur={() => blur(field.key)}
              />
            );
        }
      })}
    </form>
  );
}
