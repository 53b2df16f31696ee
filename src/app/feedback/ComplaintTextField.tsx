// A one-line answer of the complaint form, in its frame, wired to its value and its error; the
// data-field wrapper lets the form focus the first field in error.
import { FieldShell } from '../applications/fields/FieldShell.tsx';
import type { ComplaintFieldError, ComplaintForm, SetComplaintField } from './complaint-form.ts';

export function ComplaintTextField({
  field,
  id,
  type,
  autocomplete,
  label,
  help,
  required,
  form,
  set,
  err,
}: {
  field: 'trackingNumber' | 'when' | 'name' | 'phone';
  id: string;
  type: 'text' | 'date' | 'tel';
  autocomplete?: string;
  label: string;
  help?: string;
  required?: boolean;
  form: ComplaintForm;
  set: SetComplaintField;
  err: ComplaintFieldError;
}) {
  return (
    <div data-field={field}>
      <FieldShell id={id} label={label} help={help} error={err(field)} required={required}>
        {(aria) => (
          <input
            id={id}
            type={type}
            autocomplete={autocomplete}
            value={form[field]}
            {...aria}
            onInput={(e) => set(field, e.currentTarget.value)}
          />
        )}
      </FieldShell>
    </div>
  );
}
