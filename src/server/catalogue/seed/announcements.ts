// Seed announcements (kejelasan informasi): what residents should know before they travel to an
// office. Sample content; tests add their own closures.
import type { AnnouncementContent } from '../../../domain/catalogue/announcement.ts';
import { on, t } from './offices.ts';

export const SEED_ANNOUNCEMENTS: AnnouncementContent[] = [
  {
    id: 'disdukcapil-bawa-kk-asli',
    kind: 'information',
    officeIds: ['disdukcapil-sumenep', 'mpp-sumenep'],
    title: t(
      'Bawa KK asli saat perekaman dan pengambilan KTP-el',
      'Bring your original family card (KK) for KTP-el recording and collection',
    ),
    body: t(
      'Petugas mencocokkan data dengan KK asli saat perekaman biometrik KTP-el dan saat kartu diambil. KK asli hanya diperlihatkan dan tidak ditahan. Untuk pengajuan akta dan KK lewat aplikasi atau kios desa, foto dokumen tetap cukup.',
      'Officers check your data against the original family card at KTP-el biometric recording and when the card is collected. The original is only shown, not kept. For certificates and family cards applied for in the app or at a village kiosk, photos of the documents are still enough.',
    ),
    validFrom: '2026-01-01T00:00:00+07:00',
  },
  {
    id: 'kecamatan-masalembu-jam-adminduk-2026',
    kind: 'changed-hours',
    officeIds: ['kecamatan-masalembu'],
    title: t(
      'Loket adminduk Kecamatan Masalembu buka Senin–Rabu',
      'Masalembu civil-registration counter open Monday–Wednesday',
    ),
    body: t(
      'Selama tahun 2026, petugas adminduk melayani perekaman KTP-el dan KIA keliling ke Pulau Masakambing dan Pulau Karamian setiap Kamis dan Jumat. Loket di kantor kecamatan buka Senin–Rabu pukul 08.00–12.00 dan 13.00–15.30 WIB. Permohonan lewat aplikasi dan kios desa tetap diterima setiap hari.',
      'Throughout 2026 the civil-registration officers run mobile KTP-el and KIA recording on Masakambing and Karamian islands every Thursday and Friday. The counter at the district office is open Monday–Wednesday, 08:00–12:00 and 13:00–15:30 WIB. Applications through the app and village kiosks are accepted every day.',
    ),
    validFrom: '2026-01-01T00:00:00+07:00',
    validUntil: '2027-01-01T00:00:00+07:00',
    hours: on([1, 2, 3], ['08:00', '12:00'], ['13:00', '15:30']),
  },
  {
    id: 'kecamatan-sapeken-perekaman-keliling',
    kind: 'information',
    officeIds: ['kecamatan-sapeken', 'desa-sapeken'],
    title: t('Perekaman KTP-el keliling di Kecamatan Sapeken', 'Mobile KTP-el recording in Sapeken District'),
    body: t(
      'Petugas Disdukcapil datang ke pulau-pulau di Kecamatan Sapeken setiap bulan untuk perekaman KTP-el dan pelayanan KIA. Daftar lewat aplikasi atau kios di kantor desa; jadwal kedatangan dikirim lewat WhatsApp dan ditempel di kantor desa. Bila cuaca buruk dan kapal tidak berangkat, jadwal diundur dan Anda akan diberi tahu.',
      'Disdukcapil officers visit the islands of Sapeken District every month for KTP-el recording and KIA services. Register in the app or at the village-office kiosk; the visit schedule is sent by WhatsApp and posted at the village office. If bad weather stops the boat, the visit is postponed and you will be told.',
    ),
    validFrom: '2026-01-01T00:00:00+07:00',
    validUntil: '2027-12-31T23:59:59+07:00',
  },
];
