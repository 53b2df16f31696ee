// The shell: language state, header, routes. Only the home page is in the first-paint bundle; every
// other screen is a lazy chunk (precached by the service worker, so still available offline).
import type { AnyComponent } from 'preact';
import { useCallback, useEffect, useState } from 'preact/hooks';
import { ErrorBoundary, LocationProvider, lazy, Route, Router, useLocation } from 'preact-iso';
import { storedLanguage, storeLanguage, type UiLanguage } from './i18n/index.ts';
import { RouteLanguage } from './i18n/RouteLanguage.tsx';
import { Home } from './routes/Home.tsx';
import { onlineOnly } from './routes/NeedsConnection.tsx';
import { NotFound } from './routes/NotFound.tsx';
import { BottomNav, RESIDENT_PATHS } from './shell/BottomNav.tsx';
import { startBackgroundSync } from './shell/background-sync.ts';
import { DeliveryToast } from './shell/DeliveryToast.tsx';
import { markShown } from './shell/first-screen.ts';
import { Header } from './shell/Header.tsx';
import { UpdateBanner } from './shell/UpdateBanner.tsx';

/**
 * The kiosk, field-officer, feedback and back-office screens bring their own texts: each area's
 * dictionary is a chunk of its own, loaded alongside the screen (not in the first-paint bundle).
 */
const withMessages =
  <T,>(messages: () => Promise<unknown>, screen: () => Promise<T>) =>
  (): Promise<T> =>
    Promise.all([messages(), screen()]).then(([, m]) => m);
const kioskScreen = <C extends AnyComponent<never>>(load: () => Promise<{ default: C }>) =>
  lazy(withMessages(() => import('./i18n/kiosk-messages.ts'), load));
const fieldScreen = <C extends AnyComponent<never>>(load: () => Promise<{ default: C }>) =>
  lazy(withMessages(() => import('./i18n/field-messages.ts'), load));
const feedbackScreen = <C extends AnyComponent<never>>(load: () => Promise<{ default: C }>) =>
  lazy(withMessages(() => import('./i18n/feedback-messages.ts'), load));
// Offline, NeedsConnection (no props) stands in for the screen: any route may render it.
const officeScreen = <C extends AnyComponent<never>>(load: () => Promise<{ default: C }>) =>
  lazy(
    onlineOnly(withMessages(() => import('./office/i18n/office-messages.ts'), load)) as () => Promise<{ default: C }>,
  );

const ServiceList = lazy(() => import('./catalogue/ServiceList.tsx'));
const ServiceDetail = lazy(() => import('./catalogue/ServiceDetail.tsx'));
const OfficeDetail = lazy(() => import('./catalogue/OfficeDetail.tsx'));
const DraftList = lazy(() => import('./applications/DraftList.tsx'));
const NewDraft = lazy(() => import('./applications/NewDraft.tsx'));
const DraftForm = lazy(() => import('./applications/DraftForm.tsx'));
const Review = lazy(() => import('./applications/Review.tsx'));
const SendStep = lazy(() => import('./applications/SendStep.tsx'));
const Track = lazy(() => import('./applications/Track.tsx'));
const DocumentCover = lazy(() => import('./applications/story/DocumentCover.tsx'));
const Verify = lazy(() => import('./applications/story/Verify.tsx'));
const Kiosk = kioskScreen(() => import('./kiosk/Kiosk.tsx'));
const KioskEnrol = kioskScreen(() => import('./kiosk/Enrol.tsx'));
const KioskStaff = kioskScreen(() => import('./kiosk/Staff.tsx'));
const FieldResidents = fieldScreen(() => import('./field/Residents.tsx'));
const FieldSignIn = fieldScreen(() => import('./field/SignIn.tsx'));
const FieldSync = fieldScreen(() => import('./field/Sync.tsx'));
const FieldApplication = fieldScreen(() => import('./field/FieldApplication.tsx'));
const ComplaintPage = feedbackScreen(() => import('./feedback/ComplaintPage.tsx'));
const SurveyPage = feedbackScreen(() => import('./feedback/SurveyPage.tsx'));
const OfficeLogin = officeScreen(() => import('./office/Login.tsx'));
const OfficeQueue = officeScreen(() => import('./office/Queue.tsx'));
const OfficeApplication = officeScreen(() => import('./office/ApplicationDetail.tsx'));
const OfficeCounter = officeScreen(() => import('./office/Counter.tsx'));
const OfficeDashboard = officeScreen(() => import('./office/Dashboard.tsx'));
const OfficeCatalogue = officeScreen(() => import('./office/CatalogueEditor.tsx'));
const OfficeComplaints = officeScreen(() => import('./office/Complaints.tsx'));
const OfficeComplaint = officeScreen(() => import('./office/ComplaintDetail.tsx'));
const OfficeSkm = officeScreen(() => import('./office/Skm.tsx'));
const OfficeImport = officeScreen(() => import('./office/Import.tsx'));
const OfficeForms = officeScreen(() => import('./office/FormList.tsx'));
const OfficeFormEditor = officeScreen(() => import('./office/FormEditor.tsx'));
const AdminAccounts = officeScreen(() => import('./office/admin/Accounts.tsx'));
const AdminDevices = officeScreen(() => import('./office/admin/Devices.tsx'));
const AdminHolidays = officeScreen(() => import('./office/admin/Holidays.tsx'));
const AdminAudit = officeScreen(() => import('./office/admin/AuditLog.tsx'));
const AdminNotices = officeScreen(() => import('./office/admin/FailedNotices.tsx'));

export function App() {
  const [lang, setLangState] = useState<UiLanguage>(() => storedLanguage());
  const setLang = useCallback((next: UiLanguage) => {
    storeLanguage(next);
    setLangState(next);
  }, []);
  useEffect(() => startBackgroundSync(), []);

  return (
    <LocationProvider>
      <RouteLanguage chosen={lang} setLang={setLang}>
        <ShellHeader />
        <UpdateBanner />
        <main id="main" tabIndex={-1}>
          <ErrorBoundary>
            <Router>
              <Route path="/" component={Home} />
              <Route path="/layanan" component={ServiceList} />
              <Route path="/layanan/:slug" component={ServiceDetail} />
              <Route path="/kantor/:id" component={OfficeDetail} />
              <Route path="/permohonan" component={DraftList} />
              <Route path="/permohonan/baru/:slug" component={NewDraft} />
              <Route path="/permohonan/:id" component={DraftForm} />
              <Route path="/permohonan/:id/isian" component={DraftForm} />
              <Route path="/permohonan/:id/dokumen" component={DraftForm} />
              <Route path="/permohonan/:id/tinjau" component={Review} />
              <Route path="/permohonan/:id/kirim" component={SendStep} />
              <Route path="/permohonan/:id/dokumen/:code" component={DocumentCover} />
              <Route path="/lacak" component={Track} />
              <Route path="/verifikasi/:code" component={Verify} />
              <Route path="/pengaduan" component={ComplaintPage} />
              <Route path="/survei" component={SurveyPage} />
              <Route path="/lapangan" component={FieldResidents} />
              <Route path="/lapangan/masuk" component={FieldSignIn} />
              <Route path="/lapangan/sinkron" component={FieldSync} />
              <Route path="/lapangan/permohonan/:id" component={FieldApplication} />
              <Route path="/kios" component={Kiosk} />
              <Route path="/kios/daftar" component={KioskEnrol} />
              <Route path="/kios/petugas" component={KioskStaff} />
              <Route path="/petugas" component={OfficeQueue} />
              <Route path="/petugas/masuk" component={OfficeLogin} />
              <Route path="/petugas/permohonan/:id" component={OfficeApplication} />
              <Route path="/petugas/loket" component={OfficeCounter} />
              <Route path="/petugas/dasbor" component={OfficeDashboard} />
              <Route path="/petugas/katalog" component={OfficeCatalogue} />
              <Route path="/petugas/pengaduan" component={OfficeComplaints} />
              <Route path="/petugas/pengaduan/:id" component={OfficeComplaint} />
              <Route path="/petugas/skm" component={OfficeSkm} />
              <Route path="/petugas/impor" component={OfficeImport} />
              <Route path="/petugas/formulir" component={OfficeForms} />
              <Route path="/petugas/formulir/:id" component={OfficeFormEditor} />
              <Route path="/petugas/akun" component={AdminAccounts} />
              <Route path="/petugas/perangkat" component={AdminDevices} />
              <Route path="/petugas/libur" component={AdminHolidays} />
              <Route path="/petugas/audit" component={AdminAudit} />
              <Route path="/petugas/pesan-gagal" component={AdminNotices} />
              <Route default component={NotFound} />
            </Router>
          </ErrorBoundary>
        </main>
      </RouteLanguage>
    </LocationProvider>
  );
}

/** Screens that say themselves when they are shown (Home, and those behind CatalogueGate). */
const TELLS_WHEN_SHOWN = /^\/($|layanan(\/|$)|kantor\/|permohonan\/baru\/)/;

/** The kiosk (/kios) has its own bar: residents at the tablet get no links out of it. Residents' screens get their navigation. */
function ShellHeader() {
  const { path } = useLocation();
  useEffect(() => {
    // Every other screen: the background work need not wait for it.
    if (!TELLS_WHEN_SHOWN.test(path)) markShown();
  }, [path]);
  if (path === '/kios' || path.startsWith('/kios/')) return null;
  return (
    <>
      <Header />
      {RESIDENT_PATHS.test(path) && <BottomNav />}
      {RESIDENT_PATHS.test(path) && <DeliveryToast />}
    </>
  );
}
