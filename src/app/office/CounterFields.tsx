// The form of a service as a counter officer fills it for a resident (a walk-in, or a correction the
// resident brought): the same fields and rules as a device, photos taken on the counter's device.
import type { FormDefinition } from '../../domain/catalogue/form.ts';
import type { Requirement } from '../../domain/catalogue/service.ts';
import type { AnswerValue, AttachmentRef } from '../../domain/drafts/draft.ts';
import type { FieldError, ValidationContext } from '../../domain/forms/validate.ts';
import type { RegionDataset } from '../../domain/region.ts';
import { FormFields } from '../applications/FormFields.tsx';
import { DocumentField } from '../applications/fields/DocumentField.tsx';

type Props = {
  form: FormDefinition;
  requirements: Requirement[];
  region: RegionDataset | undefined;
  ctx: ValidationContext;
  answers: Record<string, AnswerValue>;
  attachments: Record<string, AttachmentRef[]>;
  errors: Record<string, FieldError>;
  touched: ReadonlySet<string>;
  onAnswer(key: string, value: AnswerValue | undefined): void;
  /** A document field's photos changed (the parent merges them into its newest state). */
  onAttachments(key: string, list: AttachmentRef[]): void;
  /** Keys the officer has left (or changed, for a photo and its requirement group). */
  onTouched(keys: string[]): void;
};

export function CounterFields(p: Props) {
  return (
    <FormFields
      form={p.form}
      requirements={p.requirements}
      region={p.region}
      ctx={p.ctx}
      answers={p.answers}
      attachments={p.attachments}
      errors={p.errors}
      touched={p.touched}
      onAnswer={p.onAnswer}
      onBlur={(key) => p.onTouched([key])}
      renderDocument={(f, { error, requirementName, required, groupKey }) => (
        <DocumentField
          key={f.key}
          field={{ ...f, required }}
          refs={p.attachments[f.key] ?? []}
          requirementName={requirementName}
          error={error}
          onChange={(list) => {
            p.onAttachments(f.key, list);
            p.onTouched([f.key, ...(groupKey ? [groupKey] : [])]);
          }}
        />
      )}
    />
  );
}
