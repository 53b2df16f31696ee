// A failed back-office request in plain words: offline, the server erring, not allowed, not found —
// never a blank screen.
import type { RefObject } from 'preact';
import { useI18n } from '../i18n/index.ts';
import { OfficeApiError } from './api.ts';

export function errorText(error: unknown, t: ReturnType<typeof useI18n>['t']): string {
  if (!(error instanceof OfficeApiError)) return t('office.error.generic', { status: '?' });
  if (error.kind === 'offline') return t('office.error.offline');
  if (error.kind === 'session') return t('office.error.session');
  if (error.status >= 500) return t('office.error.server');
  if (error.status === 403) return t('office.error.forbidden');
  if (error.status === 404) return t('office.error.notFound');
  return t('office.error.generic', { status: error.status });
}

export function OfficeError({ error, onRetry }: { error: unknown; onRetry?: () => void }) {
  const { t } = useI18n();
  return (
    <div class="office-error" role="alert">
      <p>{errorText(error, t)}</p>
      {onRetry && (
        <button type="button" class="btn" onClick={onRetry}>
          {t('office.retry')}
        </button>
      )}
    </div>
  );
}

/** A detail screen whose record could not be read: its heading, why, "Coba lagi", and the way back. */
export function DetailUnavailable(props: {
  heading: RefObject<HTMLHeadingElement>;
  title: string;
  error: unknown;
  onRetry(): void;
  back: { href: string; text: string };
}) {
  return (
    <>
      <h1 ref={props.heading} tabIndex={-1}>
        {props.title}
      </h1>
      <OfficeError error={props.error} onRetry={props.onRetry} />
      <p>
        <a href={props.back.href}>{props.back.text}</a>
      </p>
    </>
  );
}
