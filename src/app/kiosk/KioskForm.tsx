// The kiosk's application form: the residents' field components (same validation, photos and
// autosave to the session's draft), with large controls and no way out but "check" or "cancel".
import { useMemo, useRef, useState } from 'preact/hooks';
import { saveAnswer, setAttachments } from '../../data/drafts/drafts.ts';
import type { Service } from '../../domain/catalogue/service.ts';
import type { AnswerValue, AttachmentRef, Draft } from '../../domain/drafts/draft.ts';
import { validateDraft } from '../../domain/forms/validate.ts';
import type { RegionDataset } from '../../domain/region.ts';
import { AddressField } from '../applications/fields/AddressField.tsx';
import { DocumentField } from '../applications/fields/DocumentField.tsx';
import { FieldInput } from '../applications/fields/FieldInput.tsx';
import { errorMessage, validationContext } from '../applications/validation.ts';
import { useI18n } from '../i18n/index.ts';
import { useFocusHeading } from './KioskFrame.tsx';

type Props = { draft: Draft; service: Service; region: RegionDataset | undefined; onReview(): void; onCancel(): void };

export function KioskForm({ draft, service, region, onReview, onCancel }: Props) {
  const { t, lang } = useI18n();
  const heading = useRef<HTMLHeadingElement>(null);
  useFocusHeading(heading, draft.id);
  const [answers, setAnswers] = useState(draft.answers);
  const [attachments, setAttachmentState] = useState(draft.attachments);
  const [touched, setTouched] = useState<ReadonlySet<string>>(new Set());
  const ctx = useMemo(() => validationContext(region), [region]);
  const errors = validateDraft(service.form, answers, attachments, ctx);
  const shown = (key: string) => (touched.has(key) && errors[key] ? errorMessage(errors[key], t) : undefined);
  const blur = (key: string) => setTouched((s) => (s.has(key) ? s : new Set(s).add(key)));

  const answer = (key: string, value: AnswerValue | undefined) => {
    setAnswers((a) => {
      const next = { ...a };
      if (value === undefined || value === '') delete next[key];
      else next[key] = value;
      return next;
    });
    void saveAnswer(draft.id, key, value).catch(() => undefined);
  };
  const attach = (key: string, refs: AttachmentRef[]) => {
    setAttachmentState((a) => ({ ...a, [key]: refs }));
    setTouched((s) => new Set(s).add(key));
    void setAttachments(draft.id, key, refs).catch(() => undefined);
  };

  return (
    <article class="application kiosk-form">
      <h1 ref={heading} tabIndex={-1}>
        {service.name[lang]}
      </h1>
      <form class="application__form" onSubmit={(e) => e.preventDefault()} noValidate autoComplete="off">
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
                <AddressField key={field.key} field={field} value={answers[field.key]} region={region} error={shown(field.key)} onChange={(v) => answer(field.key, v)} onBlur={() => blur(field.key)} />
              );
            default:
              return <FieldInput key={field.key} field={field} value={answers[field.key]} error={shown(field.key)} onChange={(v) => answer(field.key, v)} onBlur={() => blur(field.key)} />;
          }
        })}
      </form>
      <div class="kiosk__actions">
        <button type="button" class="btn btn--primary kiosk__big" onClick={onReview}>
          {t('kiosk.form.next')}
        </button>
        <button type="button" class="btn kiosk__big" onClick={onCancel}>
          {t('kiosk.form.cancel')}
        </button>
      </div>
    </article>
  );
}
