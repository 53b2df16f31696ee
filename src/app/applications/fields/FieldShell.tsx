// The frame of every form field: its label (or legend for a group) with the "required" marker, help
// text and error message, and the ARIA that ties them to the control. Given its children as a
// function, the shell hands the control `aria-invalid` and `aria-describedby`, so no field wires
// them by hand.
import type { ComponentChildren } from 'preact';
import { useI18n } from '../../i18n/index.ts';

/** What the control of a field carries: whether it is invalid, and the ids of its help and error. */
export type ControlAria = {
  'aria-invalid': true | undefined;
  'aria-describedby': string | undefined;
};

export type ShellProps = {
  id: string;
  label: string;
  help?: string | undefined;
  error?: string | undefined;
  required?: boolean | undefined;
  /** A fieldset with a legend (choices, several controls) rather than one labelled control. */
  group?: boolean | undefined;
  /** The control; as a function, it gets the ARIA attributes to put on it. */
  children: ComponentChildren | ((aria: ControlAria) => ComponentChildren);
};

const describedBy = (id: string, help?: string, error?: string) =>
  [help ? `${id}-help` : '', error ? `${id}-error` : ''].filter(Boolean).join(' ') || undefined;

export function FieldShell({ id, label, help, error, required = false, group, children }: ShellProps) {
  const { t } = useI18n();
  const aria: ControlAria = {
    'aria-invalid': error ? true : undefined,
    'aria-describedby': describedBy(id, help, error),
  };
  const control = typeof children === 'function' ? children(aria) : children;
  const labelContent = (
    <>
      {label}
      {required && <span class="field__required"> {t('form.required')}</span>}
    </>
  );
  const notes = (
    <>
      {help && (
        <p id={`${id}-help`} class="field__help">
          {help}
        </p>
      )}
      {error && (
        <p id={`${id}-error`} class="field__error" role="alert">
          {error}
        </p>
      )}
    </>
  );
  if (group) {
    // The fieldset is described by the notes; its choices take `aria-invalid` from the function.
    return (
      <fieldset
        class={`field field--group${error ? ' field--invalid' : ''}`}
        aria-describedby={aria['aria-describedby']}
      >
        <legend>{labelContent}</legend>
        {notes}
        {control}
      </fieldset>
    );
  }
  return (
    <div class={`field${error ? ' field--invalid' : ''}`}>
      <label for={id}>{labelContent}</label>
      {notes}
      {control}
    </div>
  );
}
