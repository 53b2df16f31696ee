// The frame of every form field: its label (or legend for a group), help text and error message,
// wired for screen readers (aria-describedby, aria-invalid is set by the control).
import type { ComponentChildren } from 'preact';

export type ShellProps = {
  id: string;
  label: string;
  help?: string | undefined;
  error?: string | undefined;
  required: boolean;
  requiredLabel: string;
  group?: boolean;
  children: ComponentChildren;
};

export const describedBy = (id: string, help?: string, error?: string) =>
  [help ? `${id}-help` : '', error ? `${id}-error` : ''].filter(Boolean).join(' ') || undefined;

export function FieldShell({ id, label, help, error, required, requiredLabel, group, children }: ShellProps) {
  const labelContent = (
    <>
      {label}
      {required && <span class="field__required"> {requiredLabel}</span>}
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
    return (
      <fieldset
        class={`field field--group${error ? ' field--invalid' : ''}`}
        aria-describedby={describedBy(id, help, error)}
      >
        <legend>{labelContent}</legend>
        {notes}
        {children}
      </fieldset>
    );
  }
  return (
    <div class={`field${error ? ' field--invalid' : ''}`}>
      <label for={id}>{labelContent}</label>
      {notes}
      {children}
    </div>
  );
}
