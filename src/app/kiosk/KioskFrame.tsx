// The kiosk's screen frame: a bar with the office, the language switch and the staff entrance, and
// full screen on the first tap where the browser allows it. While mounted, the page is in kiosk mode
// (`html.kiosk-mode`: large targets, the shell header hidden by App).
import type { ComponentChildren } from 'preact';
import { useEffect } from 'preact/hooks';
import { useI18n } from '../i18n/index.ts';
import { LanguageSwitch } from '../shell/LanguageSwitch.tsx';

function enterFullscreen(): void {
  const root = document.documentElement;
  if (document.fullscreenElement || !document.fullscreenEnabled || typeof root.requestFullscreen !== 'function') return;
  root.requestFullscreen().catch(() => undefined); // refused (policy, no user gesture): stay as is
}

export function KioskFrame({
  office,
  staffLink = true,
  children,
}: {
  office?: string | undefined;
  staffLink?: boolean;
  children: ComponentChildren;
}) {
  const { t } = useI18n();
  useEffect(() => {
    document.documentElement.classList.add('kiosk-mode');
    return () => document.documentElement.classList.remove('kiosk-mode');
  }, []);
  return (
    <div class="kiosk" onPointerDown={enterFullscreen}>
      <div class="kiosk__bar">
        <span class="kiosk__office">{office ? t('kiosk.bar.office', { office }) : t('kiosk.title')}</span>
        <div class="kiosk__tools">
          <LanguageSwitch />
          {staffLink && (
            <a class="kiosk__staff" href="/kios/petugas">
              {t('kiosk.bar.staff')}
            </a>
          )}
        </div>
      </div>
      <div class="kiosk__body">{children}</div>
    </div>
  );
}
