// GOV.UK's error summary: shown at the top of a step when Next finds errors, focused so a screen
// reader says it at once, each error a link that takes the focus to its field.
import { useEffect, useRef } from 'preact/hooks';
import { useI18n } from '../../i18n/index.ts';

export type SummaryItem = { key: string; text: string };

/** The element a key's link focuses: the field's control, the first of its choices, or its group's first picker. */
function target(key: string): HTMLElement | null {
  const field = key.endsWith('.confirmed') ? key.slice(0, -'.confirmed'.length) : key;
  if (field.startsWith('requirements.'))
    return document.querySelector<HTMLElement>(`#g-${CSS.escape(field.slice('requirements.'.length))} input`);
  return (
    document.getElementById(`f-${field}`) ??
    document.getElementById(`f-${field}-district`) ??
    document.querySelector<HTMLElement>(`[name="${CSS.escape(field)}"]`)
  );
}

export const summaryAnchor = (key: string): string =>
  key.startsWith('requirements.') ? `g-${key.slice('requirements.'.length)}` : `f-${key.replace(/\.confirmed$/, '')}`;

/** `shown` changes on every Next that finds errors: the summary takes the focus again. */
export function ErrorSummary({ items, shown }: { items: SummaryItem[]; shown: number }) {
  const { t } = useI18n();
  const box = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (shown > 0) box.current?.focus();
  }, [shown]);
  if (items.length === 0) return null;
  return (
    <div class="error-summary" ref={box} tabIndex={-1} role="alert" aria-labelledby="error-summary-title">
      <h2 id="error-summary-title">{t('steps.errorTitle')}</h2>
      <ul>
        {items.map(({ key, text }) => (
          <li key={key}>
            <a
              class="error-summary__link"
              href={`#${summaryAnchor(key)}`}
              onClick={(e) => {
                const el = target(key);
                if (!el) return;
                e.preventDefault();
                el.scrollIntoView({ block: 'center' });
                el.focus();
              }}
            >
              {text}
            </a>
          </li>
        ))}
      </ul>
    </div>
  );
}
