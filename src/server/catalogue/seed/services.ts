// Seed services with their service standard (UU 25/2009 art. 21; PermenPANRB 15/2014): the seven
// civil-registration services of Disdukcapil (Perpres 96/2018, Permendagri 108/2019), three village
// letters and two Puskesmas services, each with its application form. Completion times, staff
// counts, the health-certificate fee and the DPMD/Dinkes contacts are *sample* content.

import type { FieldConstraint, FormField } from '../../../domain/catalogue/form.ts';
import type { OfficeType } from '../../../domain/catalogue/office.ts';
import type {
  ComplaintChannel,
  ProcedureStep,
  Requirement,
  ServiceContent,
} from '../../../domain/catalogue/service.ts';
import type { Condition } from '../../../domain/forms/rules/condition.ts';
import { parseCondition } from '../../../domain/forms/rules/syntax.ts';
import { NOTIFY_CHANNEL_KEY } from '../../../domain/notifications/notice.ts';
import type { LocalizedText } from '../../../domain/text.ts';
import { DISDUKCAPIL_CONTACTS, SEED_OFFICES, t } from './offices.ts';

// ---------------------------------------------------------------------------------------------
// Shared pieces

const officesOfType = (type: string): string[] => SEED_OFFICES.filter((o) => o.type === type).map((o) => o.id);
const CIVIL_OFFICES = ['disdukcapil-sumenep', 'mpp-sumenep', ...officesOfType('kecamatan')];
/** Who signs a civil-registration certificate: Disdukcapil, at its office or its desk in the MPP. */
const CERTIFICATE_ISSUERS: OfficeType[] = ['disdukcapil', 'mpp'];
const VILLAGE_OFFICES = officesOfType('kantor-desa');
const HEALTH_OFFICES = officesOfType('puskesmas');

const LAPOR: ComplaintChannel[] = [
  {
    kind: 'web',
    value: 'https://www.lapor.go.id',
    label: t('SP4N-LAPOR! (situs web dan aplikasi)', 'SP4N-LAPOR! (website and app)'),
  },
  { kind: 'sms', value: '1708', label: t('SP4N-LAPOR! lewat SMS ke 1708', 'SP4N-LAPOR! by SMS to 1708') },
];

const DUKCAPIL_COMPLAINTS: ComplaintChannel[] = [
  {
    kind: 'phone',
    value: DISDUKCAPIL_CONTACTS.phone,
    label: t('Telepon pengaduan Disdukcapil', 'Disdukcapil complaints line'),
    example: true,
  },
  {
    kind: 'whatsapp',
    value: DISDUKCAPIL_CONTACTS.whatsapp,
    label: t('WhatsApp pengaduan Disdukcapil', 'Disdukcapil complaints WhatsApp'),
    example: true,
  },
  {
    kind: 'email',
    value: DISDUKCAPIL_CONTACTS.email,
    label: t('E-mail Disdukcapil', 'Disdukcapil e-mail'),
    example: true,
  },
  {
    kind: 'in-person',
    value: 'Meja pengaduan, Disdukcapil Kabupaten Sumenep',
    label: t(
      'Petugas pengaduan di kantor Disdukcapil atau MPP',
      'Complaints officer at the Disdukcapil office or the MPP',
    ),
  },
  ...LAPOR,
];

// Village letters are the village head's responsibility; complaints go to the village office first,
// then to the regency's village-affairs office (DPMD). Sample contacts.
const VILLAGE_COMPLAINTS: ComplaintChannel[] = [
  {
    kind: 'in-person',
    value: 'Kantor desa tempat Anda mengajukan',
    label: t(
      'Kepala desa atau sekretaris desa di kantor desa',
      'The village head or village secretary at the village office',
    ),
  },
  {
    kind: 'phone',
    value: '+62328662340',
    label: t('Telepon Dinas PMD Kabupaten Sumenep', 'Sumenep Village Community Empowerment Office (DPMD), phone'),
    example: true,
  },
  {
    kind: 'whatsapp',
    value: '+6281230050340',
    label: t('WhatsApp Dinas PMD Kabupaten Sumenep', 'Sumenep DPMD WhatsApp'),
    example: true,
  },
  {
    kind: 'email',
    value: 'dpmd@sumenepkab.go.id',
    label: t('E-mail Dinas PMD Kabupaten Sumenep', 'Sumenep DPMD e-mail'),
    example: true,
  },
  ...LAPOR,
];

// Sample contacts of the regency health office that supervises the Puskesmas.
const HEALTH_COMPLAINTS: ComplaintChannel[] = [
  {
    kind: 'in-person',
    value: 'Ruang pengaduan / kotak saran Puskesmas',
    label: t(
      'Petugas pengaduan atau kotak saran di Puskesmas',
      'Complaints officer or suggestion box at the Puskesmas',
    ),
  },
  {
    kind: 'phone',
    value: '+62328662250',
    label: t('Telepon Dinas Kesehatan Kabupaten Sumenep', 'Sumenep Health Office, phone'),
    example: true,
  },
  {
    kind: 'whatsapp',
    value: '+6281230050250',
    label: t('WhatsApp Dinas Kesehatan Kabupaten Sumenep', 'Sumenep Health Office WhatsApp'),
    example: true,
  },
  {
    kind: 'email',
    value: 'dinkes@sumenepkab.go.id',
    label: t('E-mail Dinas Kesehatan Kabupaten Sumenep', 'Sumenep Health Office e-mail'),
    example: true,
  },
  ...LAPOR,
];

const FREE_ADMINDUK = {
  amount: 0,
  legalBasis: t(
    'Gratis. UU 24/2013 tentang Perubahan atas UU 23/2006 tentang Administrasi Kependudukan, Pasal 79A: pengurusan dan penerbitan dokumen kependudukan tidak dipungut biaya.',
    'Free of charge. Law 24/2013 amending Law 23/2006 on Population Administration, art. 79A: population documents are processed and issued without charge.',
  ),
};

const ADMINDUK_LEGAL_BASIS: LocalizedText[] = [
  t('UU 25/2009 tentang Pelayanan Publik', 'Law 25/2009 on Public Services'),
  t(
    'UU 23/2006 tentang Administrasi Kependudukan sebagaimana diubah dengan UU 24/2013',
    'Law 23/2006 on Population Administration, as amended by Law 24/2013',
  ),
  t('UU 27/2022 tentang Pelindungan Data Pribadi', 'Law 27/2022 on Personal Data Protection'),
  t(
    'Perpres 96/2018 tentang Persyaratan dan Tata Cara Pendaftaran Penduduk dan Pencatatan Sipil',
    'Presidential Regulation 96/2018 on the Requirements and Procedures of Population Registration and Civil Registration',
  ),
  t(
    'Permendagri 108/2019 tentang Peraturan Pelaksanaan Perpres 96/2018',
    'Minister of Home Affairs Regulation 108/2019 implementing Presidential Regulation 96/2018',
  ),
  t(
    'Permendagri 109/2019 tentang Formulir dan Buku yang Digunakan dalam Administrasi Kependudukan',
    'Minister of Home Affairs Regulation 109/2019 on the Forms and Books Used in Population Administration',
  ),
  t(
    'PermenPANRB 15/2014 tentang Pedoman Standar Pelayanan',
    'Minister of Administrative Reform Regulation 15/2014 on Service Standard Guidelines',
  ),
];

/** The internal components common to Disdukcapil's services. */
function admindukInternal(staffCount: number, extraLegalBasis: LocalizedText[] = []): ServiceContent['internal'] {
  return {
    legalBasis: [...ADMINDUK_LEGAL_BASIS, ...extraLegalBasis],
    facilities: t(
      'Loket dan nomor antrean, ruang tunggu dengan kursi prioritas, komputer terhubung SIAK, alat perekaman biometrik, printer kartu, Anjungan Dukcapil Mandiri, kios di kantor desa, toilet dan jalur kursi roda.',
      'Counters and queue numbers, a waiting room with priority seats, computers connected to SIAK, biometric recording kits, card printers, self-service Dukcapil kiosks, village-office kiosks, toilets and wheelchair access.',
    ),
    staffCompetence: t(
      'Operator SIAK terlatih; verifikator memahami Perpres 96/2018 dan Permendagri 108/2019; petugas loket terlatih melayani penyandang disabilitas dan lansia.',
      'Trained SIAK operators; verifiers versed in Presidential Regulation 96/2018 and Minister of Home Affairs Regulation 108/2019; counter staff trained to serve people with disabilities and older people.',
    ),
    supervision: t(
      'Pengawasan melekat oleh kepala bidang dan Kepala Dinas; pengawasan fungsional oleh Inspektorat Kabupaten Sumenep.',
      'Day-to-day supervision by the head of division and the head of office; functional oversight by the Sumenep Regency Inspectorate.',
    ),
    staffCount,
    guarantee: t(
      'Maklumat pelayanan: dokumen diterbitkan sesuai persyaratan, jangka waktu dan tanpa biaya sebagaimana tercantum dalam standar ini.',
      'Service pledge: documents are issued according to the requirements and the time stated in this standard, free of charge.',
    ),
    securityGuarantee: t(
      'Data pribadi hanya diakses petugas berwenang dan dilindungi sesuai UU 27/2022; dokumen dari aplikasi memuat kode QR verifikasi yang dapat diperiksa siapa saja.',
      'Personal data is accessed only by authorised staff and protected under Law 27/2022; documents from the app carry a verification QR code that anyone can check.',
    ),
    evaluation: t(
      'Survei Kepuasan Masyarakat setiap semester (PermenPANRB 14/2017) dan evaluasi standar pelayanan setiap tahun.',
      'Community satisfaction survey every semester (PermenPANRB 14/2017) and a yearly review of this service standard.',
    ),
  };
}

const VILLAGE_INTERNAL: ServiceContent['internal'] = {
  legalBasis: [
    t('UU 6/2014 tentang Desa', 'Law 6/2014 on Villages'),
    t('UU 25/2009 tentang Pelayanan Publik', 'Law 25/2009 on Public Services'),
    t(
      'Permendagri 2/2017 tentang Standar Pelayanan Minimal Desa',
      'Minister of Home Affairs Regulation 2/2017 on Minimum Village Service Standards',
    ),
    t(
      'PermenPANRB 15/2014 tentang Pedoman Standar Pelayanan',
      'Minister of Administrative Reform Regulation 15/2014 on Service Standard Guidelines',
    ),
  ],
  facilities: t(
    'Ruang pelayanan kantor desa, kios layanan dengan kamera dokumen, printer, dan ruang tunggu.',
    'The village office service room, a service kiosk with a document camera, a printer and a waiting area.',
  ),
  staffCompetence: t(
    'Perangkat desa (kasi pelayanan atau kaur umum) yang memahami administrasi desa dan penggunaan kios.',
    'Village officials (head of services or general affairs) who know village administration and how to run the kiosk.',
  ),
  supervision: t(
    'Pengawasan oleh kepala desa dan pembinaan oleh camat.',
    'Supervised by the village head, guided by the district head (camat).',
  ),
  staffCount: 2,
  guarantee: t(
    'Surat diselesaikan pada hari kerja yang sama bila persyaratan lengkap, tanpa pungutan.',
    'The letter is finished on the same working day when the requirements are complete, with no charge.',
  ),
  securityGuarantee: t(
    'Salinan dokumen disimpan di kantor desa dan hanya dipakai untuk surat yang diminta.',
    'Copies of documents stay at the village office and are used only for the requested letter.',
  ),
  evaluation: t(
    'Survei Kepuasan Masyarakat setiap tahun, dilaporkan kepada camat.',
    'Community satisfaction survey every year, reported to the district head.',
  ),
};

const FREE_VILLAGE = {
  amount: 0,
  legalBasis: t(
    'Gratis. Surat keterangan desa merupakan pelayanan administrasi dasar desa (Permendagri 2/2017).',
    'Free of charge. Village letters are a basic village administrative service (Minister of Home Affairs Regulation 2/2017).',
  ),
};

function healthInternal(staffCount: number, extraLegalBasis: LocalizedText[] = []): ServiceContent['internal'] {
  return {
    legalBasis: [
      t('UU 17/2023 tentang Kesehatan', 'Law 17/2023 on Health'),
      t('UU 25/2009 tentang Pelayanan Publik', 'Law 25/2009 on Public Services'),
      t(
        'Permenkes 19/2024 tentang Penyelenggaraan Pusat Kesehatan Masyarakat',
        'Minister of Health Regulation 19/2024 on Community Health Centres',
      ),
      ...extraLegalBasis,
    ],
    facilities: t(
      'Loket pendaftaran dan nomor antrean, ruang tunggu, ruang periksa umum, gigi dan KIA/KB, laboratorium sederhana, kios pendaftaran mandiri.',
      'Registration counter and queue numbers, waiting room, general, dental and maternal-and-child examination rooms, a basic laboratory, a self-registration kiosk.',
    ),
    staffCompetence: t(
      'Petugas rekam medis, perawat, bidan dan dokter dengan STR dan SIP yang berlaku.',
      'Medical-records staff, nurses, midwives and doctors with valid registration and practice licences.',
    ),
    supervision: t(
      'Pengawasan oleh kepala Puskesmas; pembinaan oleh Dinas Kesehatan Kabupaten Sumenep.',
      'Supervised by the head of the Puskesmas; guided by the Sumenep Regency Health Office.',
    ),
    staffCount,
    guarantee: t(
      'Pasien dilayani sesuai urutan antrean, dengan prioritas bagi kegawatdaruratan, lansia, ibu hamil dan penyandang disabilitas.',
      'Patients are served in queue order, with priority for emergencies, older people, pregnant women and people with disabilities.',
    ),
    securityGuarantee: t(
      'Rekam medis bersifat rahasia dan hanya dibuka untuk kepentingan pelayanan (UU 17/2023, UU 27/2022).',
      'Medical records are confidential and opened only for care (Law 17/2023, Law 27/2022).',
    ),
    evaluation: t(
      'Survei Kepuasan Masyarakat setiap semester dan evaluasi oleh Dinas Kesehatan setiap tahun.',
      'Community satisfaction survey every semester and a yearly review by the Health Office.',
    ),
  };
}

// --- Requirements used by several services ---

const KK: Requirement = {
  id: 'kk',
  name: t('Kartu Keluarga (KK)', 'Family card (KK)'),
  form: 'copy',
  count: 1,
  notes: t('Foto atau fotokopi KK yang masih berlaku.', 'A photo or photocopy of the current family card.'),
};
const KTP_EL: Requirement = {
  id: 'ktp-el',
  name: t('KTP-el pemohon', "Applicant's KTP-el (electronic ID card)"),
  form: 'copy',
  count: 1,
};
const KTP_EL_PARENTS: Requirement = {
  id: 'ktp-el-orang-tua',
  name: t('KTP-el ayah dan ibu', "Father's and mother's KTP-el"),
  form: 'copy',
  count: 2,
  notes: t(
    'Satu untuk ayah dan satu untuk ibu, bila keduanya ada.',
    'One for the father and one for the mother, where both are known.',
  ),
};
const RT_RW_LETTER: Requirement = {
  id: 'pengantar-rt-rw',
  name: t('Surat pengantar RT/RW', 'Cover letter from the RT/RW (neighbourhood heads)'),
  form: 'original',
  count: 1,
  notes: t('Hanya bila di dusun Anda ada RT/RW.', 'Only where your hamlet has RT/RW heads.'),
};

// --- Procedure steps used by several services ---

const step = (actor: ProcedureStep['actor'], inPerson: boolean, text: LocalizedText): ProcedureStep => ({
  actor,
  inPerson,
  text,
});

const SUBMIT = step(
  'resident',
  false,
  t(
    'Isi formulir dan unggah foto dokumen persyaratan lewat aplikasi, kios di kantor desa, petugas lapangan, atau loket.',
    'Fill in the form and upload photos of the required documents through the app, a village-office kiosk, a field officer or a counter.',
  ),
);
const VERIFY = step(
  'officer',
  false,
  t(
    'Verifikator memeriksa data dan dokumen. Bila ada yang kurang, permohonan dikembalikan dengan alasannya; pemohon memperbaiki lalu mengirim ulang.',
    'A verifier checks the data and documents. If something is missing, the application is returned with the reason; the applicant corrects it and resubmits.',
  ),
);
const ISSUE_DIGITAL = (document: LocalizedText) =>
  step(
    'officer',
    false,
    t(
      `Petugas menerbitkan ${document.id} sebagai PDF berkode verifikasi dan kode QR.`,
      `The officer issues the ${document.en} as a PDF with a verification code and a QR code.`,
    ),
  );
const RECEIVE_DIGITAL = step(
  'resident',
  false,
  t(
    'Unduh dokumen PDF dari aplikasi (tersimpan untuk dibuka tanpa sinyal), lalu cetak sendiri di kertas HVS A4, atau minta cetakan di kantor desa atau kecamatan.',
    'Download the PDF in the app (kept to open without a signal) and print it on plain A4 paper, or ask for a printout at the village or district office.',
  ),
);
const COLLECT_CARD = (card: LocalizedText) =>
  step(
    'resident',
    false,
    t(
      `Ambil ${card.id} di tempat pengajuan atau lewat kantor kecamatan; boleh diwakilkan anggota keluarga dengan membawa KK.`,
      `Collect the ${card.en} where you applied or through the district office; a family member may collect it with the family card.`,
    ),
  );

// --- Form fields used by several services ---

const camel = (id: string): string => id.replace(/-([a-z0-9])/g, (_m, c: string) => c.toUpperCase());
const DOC_HELP = t(
  'Foto dokumen asli di tempat terang, keempat sudutnya terlihat dan tulisannya terbaca, atau unggah PDF hasil pindaian.',
  'Photograph the original in good light with all four corners visible and the text readable, or upload a scanned PDF.',
);
/** A rule in the text syntax the editor and spreadsheets use (a mistake fails at start-up and in tests). */
const rule = (text: string): Condition => {
  const parsed = parseCondition(text);
  if (!parsed.ok) throw new Error(`seed rule "${text}": ${parsed.error.code} at ${parsed.error.params.at}`);
  return parsed.condition;
};
const when = (text: string) => ({ relevant: rule(text) });
const constraint = (text: string, message: LocalizedText): { constraint: FieldConstraint } => ({
  constraint: { check: rule(text), message },
});

/**
 * The upload for one requirement. In a requirement group the group decides what is needed; `when`
 * asks for it only in some cases (e.g. the police report when the card was lost).
 */
const doc = (r: Requirement, required = true, relevant?: string): FormField => ({
  kind: 'document',
  key: `${camel(r.id)}Doc`,
  label: r.name,
  help: DOC_HELP,
  required,
  ...(relevant ? when(relevant) : {}),
  requirementId: r.id,
  accept: ['image', 'pdf'],
});

const SEX_OPTIONS = [
  { value: 'laki-laki', label: t('Laki-laki', 'Male') },
  { value: 'perempuan', label: t('Perempuan', 'Female') },
];
/** The date of birth in a NIK must be the one the form gives (domain.md, "Identity numbers"). */
const nikBirthDateMatches = (nikKey: string, dateKey: string) =>
  constraint(
    `nikBirthDate(${nikKey}) = ${dateKey}`,
    t(
      'Tanggal lahir tidak sama dengan tanggal lahir dalam NIK (angka ke-7 sampai ke-12). Periksa keduanya.',
      'The date of birth differs from the one in the NIK (digits 7 to 12). Check both.',
    ),
  );

const nik = (key: string, label: LocalizedText, required = true): FormField => ({ kind: 'nik', key, label, required });
const NIK = nik('nik', t('NIK pemohon', "Applicant's NIK (national identity number)"));
const FULL_NAME: FormField = {
  kind: 'text',
  key: 'fullName',
  label: t('Nama lengkap sesuai KK', 'Full name as on the family card'),
  required: true,
  maxLength: 100,
};
const KK_NUMBER: FormField = {
  kind: 'kk',
  key: 'kkNumber',
  label: t('Nomor KK', 'Family card number (KK)'),
  required: true,
};
const PHONE: FormField = {
  kind: 'phone',
  key: 'phone',
  label: t('Nomor HP/WhatsApp', 'Mobile/WhatsApp number'),
  help: t(
    'Untuk kabar status permohonan dan pengiriman dokumen.',
    'For updates on your application and to send you the document.',
  ),
  required: true,
};
/** How status texts reach the resident (domain/notifications/notice.ts): unanswered means SMS. */
const NOTIFY_CHANNEL: FormField = {
  kind: 'choice',
  key: NOTIFY_CHANNEL_KEY,
  label: t('Kirim kabar status lewat', 'Send status updates by'),
  help: t(
    'Pesan singkat dengan nomor permohonan, tanpa data pribadi. Bila tidak dipilih: SMS.',
    'A short text with the tracking number and no personal data. If you choose nothing: SMS.',
  ),
  required: false,
  options: [
    { value: 'sms', label: t('SMS', 'SMS') },
    { value: 'whatsapp', label: t('WhatsApp', 'WhatsApp') },
    { value: 'none', label: t('Tidak usah dikirimi pesan', 'No text messages') },
  ],
};
const EMAIL: FormField = {
  kind: 'email',
  key: 'email',
  label: t('E-mail (bila ada)', 'E-mail (if any)'),
  required: false,
};

const CIVIL_CHANNELS: ServiceContent['channels'] = ['online', 'kiosk', 'field', 'counter'];

// ---------------------------------------------------------------------------------------------
// Civil registration (Disdukcapil)

const MARRIAGE_DOC: Requirement = {
  id: 'buku-nikah',
  name: t('Buku nikah atau kutipan akta perkawinan', 'Marriage book or marriage certificate'),
  form: 'copy',
  count: 1,
};
/** For a marriage not recorded by the state (e.g. nikah siri): Permendagri 108/2019, form F-2.04. */
const sptjmMarriage: Requirement = {
  id: 'sptjm-perkawinan',
  name: t(
    'SPTJM kebenaran sebagai pasangan suami istri',
    'Statement of full responsibility (SPTJM) of being husband and wife',
  ),
  form: 'original',
  count: 1,
  notes: t(
    'Bila perkawinan belum tercatat sehingga tidak ada buku nikah atau akta perkawinan (formulir F-2.04, Permendagri 108/2019). Di KK, status perkawinan ditulis "kawin belum tercatat".',
    'If the marriage is not recorded, so there is no marriage book or certificate (form F-2.04, Permendagri 108/2019). The family card then reads "married, not recorded".',
  ),
};

/** What Disdukcapil registers a resident without a NIK from (biodata form F-1.01; Permendagri 96/2019). */
const VULNERABLE_FIELDS: FormField[] = [
  {
    kind: 'choice',
    key: 'vulnerableGroup',
    label: t('Keadaan yang membuat belum terdaftar', 'Why you are not registered yet'),
    required: true,
    options: [
      {
        value: 'komunitas-terpencil',
        label: t('Komunitas terpencil atau adat (misalnya Suku Bajo)', 'Remote or customary community (e.g. Bajo)'),
      },
      { value: 'bencana-alam', label: t('Korban bencana alam', 'Victim of a natural disaster') },
      { value: 'bencana-sosial', label: t('Korban bencana sosial', 'Victim of a social disaster') },
      { value: 'terlantar', label: t('Orang terlantar', 'Neglected person') },
      { value: 'lainnya', label: t('Lainnya', 'Other') },
    ],
    flag: t(
      'Penduduk rentan tanpa NIK (Permendagri 96/2019): lakukan pendataan biodata (F-1.01) dan terbitkan NIK sebelum KK.',
      'Vulnerable resident without a NIK (Permendagri 96/2019): record the biodata (F-1.01) and issue a NIK before the family card.',
    ),
  },
  { kind: 'choice', key: 'sex', label: t('Jenis kelamin', 'Sex'), required: true, options: SEX_OPTIONS },
  {
    kind: 'text',
    key: 'placeOfBirth',
    label: t('Tempat lahir', 'Place of birth'),
    required: true,
    maxLength: 100,
  },
  {
    kind: 'date',
    key: 'dateOfBirth',
    label: t('Tanggal lahir', 'Date of birth'),
    help: t('Bila tidak tahu tanggalnya, isi perkiraan.', 'If you do not know the day, give your best estimate.'),
    required: true,
    notInFuture: true,
  },
  {
    kind: 'choice',
    key: 'religion',
    label: t('Agama atau kepercayaan', 'Religion or belief'),
    required: true,
    options: [
      { value: 'islam', label: t('Islam', 'Islam') },
      { value: 'kristen', label: t('Kristen', 'Protestant') },
      { value: 'katolik', label: t('Katolik', 'Catholic') },
      { value: 'hindu', label: t('Hindu', 'Hindu') },
      { value: 'buddha', label: t('Buddha', 'Buddhist') },
      { value: 'khonghucu', label: t('Khonghucu', 'Confucian') },
      {
        value: 'kepercayaan',
        label: t('Kepercayaan terhadap Tuhan YME', 'Belief in One Almighty God (kepercayaan)'),
      },
    ],
  },
  { kind: 'text', key: 'motherName', label: t('Nama ibu kandung', "Mother's name"), required: true, maxLength: 100 },
  {
    kind: 'text',
    key: 'fatherName',
    label: t('Nama ayah (bila diketahui)', "Father's name (if known)"),
    required: false,
    maxLength: 100,
  },
];

const ktpElBaru: ServiceContent = (() => {
  const marriage: Requirement = {
    ...MARRIAGE_DOC,
    notes: t(
      'Hanya bagi yang belum berusia 17 tahun tetapi sudah atau pernah kawin.',
      'Only for applicants under 17 who are or have been married.',
    ),
  };
  const kk: Requirement = {
    ...KK,
    form: 'original-and-copy',
    notes: t(
      'Unggah fotonya saat mengajukan; tunjukkan KK asli saat perekaman.',
      'Upload a photo when applying; show the original at the recording.',
    ),
  };
  const card = t('KTP-el', 'KTP-el card');
  return {
    id: 'ktp-el-baru',
    name: t('KTP-el baru', 'New KTP-el (electronic identity card)'),
    summary: t(
      'KTP-el pertama bagi penduduk yang berusia 17 tahun atau sudah/pernah kawin. Perekaman sidik jari, iris mata, foto dan tanda tangan wajib hadir sendiri.',
      'The first KTP-el for residents aged 17 or who are or have been married. Fingerprints, iris, photo and signature must be recorded in person.',
    ),
    category: 'civil-registration',
    keywords: [
      'KTP',
      'e-KTP',
      'KTP-el',
      'KTP elektronik',
      'eKTP',
      'kartu tanda penduduk',
      'rekam KTP',
      'perekaman',
      'NIK',
      '17 tahun',
      'identity card',
      'ID card',
      'biometric recording',
    ],
    requirements: [kk, marriage],
    procedure: [
      SUBMIT,
      step(
        'officer',
        false,
        t(
          'Petugas memeriksa data di SIAK dan memberi jadwal serta tempat perekaman lewat WhatsApp atau aplikasi.',
          'The officer checks the data in SIAK and sends the recording date and place by WhatsApp or in the app.',
        ),
      ),
      step(
        'resident',
        true,
        t(
          'Datang sendiri untuk perekaman biometrik (foto, tanda tangan, sidik jari, iris mata) di Disdukcapil, MPP, kantor kecamatan, atau saat perekaman keliling di desa.',
          'Come in person for biometric recording (photo, signature, fingerprints, iris) at Disdukcapil, the MPP, the district office or a mobile recording visit to your village.',
        ),
      ),
      step(
        'officer',
        false,
        t(
          'Setelah data terkonsolidasi di pusat, petugas mencetak KTP-el.',
          'Once the data is consolidated nationally, the officer prints the KTP-el.',
        ),
      ),
      COLLECT_CARD(card),
    ],
    completionTime: { value: 7, unit: 'working-days' },
    cost: FREE_ADMINDUK,
    product: t('KTP-el (kartu fisik)', 'KTP-el card (electronic identity card)'),
    complaintChannels: DUKCAPIL_COMPLAINTS,
    channels: CIVIL_CHANNELS,
    officeIds: CIVIL_OFFICES,
    form: {
      version: 1,
      fields: [
        NIK,
        FULL_NAME,
        {
          kind: 'choice',
          key: 'sex',
          label: t('Jenis kelamin', 'Sex'),
          required: true,
          options: SEX_OPTIONS,
          ...constraint(
            'nikSex(nik) = sex',
            t(
              'Jenis kelamin tidak sama dengan NIK (pada NIK perempuan, tanggal lahir ditambah 40).',
              'The sex differs from the NIK (in a woman’s NIK, 40 is added to the day of birth).',
            ),
          ),
        },
        {
          kind: 'date',
          key: 'dateOfBirth',
          label: t('Tanggal lahir', 'Date of birth'),
          required: true,
          notInFuture: true,
          ...nikBirthDateMatches('nik', 'dateOfBirth'),
        },
        {
          kind: 'choice',
          key: 'maritalStatus',
          label: t('Status perkawinan', 'Marital status'),
          required: true,
          options: [
            { value: 'belum-kawin', label: t('Belum kawin', 'Not married') },
            { value: 'kawin', label: t('Kawin', 'Married') },
            { value: 'cerai-hidup', label: t('Cerai hidup', 'Divorced') },
            { value: 'cerai-mati', label: t('Cerai mati', 'Widowed') },
          ],
          // UU 24/2013 art. 63: KTP-el is for residents aged 17, or who are or have been married.
          ...constraint(
            "maritalStatus != 'belum-kawin' or age(dateOfBirth) >= 17",
            t(
              'KTP-el baru untuk penduduk berusia 17 tahun atau yang sudah/pernah kawin. Untuk anak, ajukan KIA.',
              'A new KTP-el is for residents aged 17 or who are or have been married. For a child, apply for a KIA.',
            ),
          ),
        },
        KK_NUMBER,
        {
          kind: 'address',
          key: 'address',
          label: t('Alamat sesuai KK', 'Address as on the family card'),
          required: true,
        },
        {
          kind: 'choice',
          key: 'recordingPlace',
          label: t('Tempat perekaman yang dipilih', 'Preferred place of recording'),
          required: true,
          options: [
            { value: 'disdukcapil', label: t('Kantor Disdukcapil Sumenep', 'Disdukcapil office, Sumenep') },
            { value: 'mpp', label: t('Mal Pelayanan Publik Sumenep', 'Sumenep Public Service Mall') },
            { value: 'kecamatan', label: t('Kantor kecamatan', 'District office') },
            { value: 'keliling', label: t('Perekaman keliling di desa', 'Mobile recording in my village') },
          ],
        },
        PHONE,
        NOTIFY_CHANNEL,
        doc(kk),
        // Married before 17: the marriage document shows why a KTP-el is due.
        doc(marriage, true, "age(dateOfBirth) < 17 and maritalStatus != 'belum-kawin'"),
      ],
    },
    internal: admindukInternal(6),
  };
})();

const ktpElHilangRusak: ServiceContent = (() => {
  const policeReport: Requirement = {
    id: 'surat-kehilangan',
    name: t('Surat keterangan kehilangan dari kepolisian', 'Police loss report'),
    form: 'original',
    count: 1,
    notes: t('Bila KTP-el hilang.', 'If the card was lost.'),
  };
  const damagedCard: Requirement = {
    id: 'ktp-el-rusak',
    name: t('KTP-el yang rusak', 'The damaged KTP-el'),
    form: 'original',
    count: 1,
    notes: t(
      'Bila KTP-el rusak; kartu lama diserahkan saat mengambil yang baru.',
      'If the card is damaged; hand in the old card when collecting the new one.',
    ),
  };
  return {
    id: 'ktp-el-hilang-rusak',
    name: t('Penggantian KTP-el hilang atau rusak', 'Replacement of a lost or damaged KTP-el'),
    summary: t(
      'Cetak ulang KTP-el yang hilang atau rusak. Tidak perlu perekaman ulang bila data biometrik sudah terekam.',
      'Reprint of a lost or damaged KTP-el. No new recording is needed when your biometrics are already on file.',
    ),
    category: 'civil-registration',
    keywords: [
      'KTP',
      'e-KTP',
      'KTP-el',
      'KTP hilang',
      'KTP rusak',
      'ganti KTP',
      'cetak ulang KTP',
      'surat kehilangan',
      'lost ID card',
      'damaged ID card',
      'replacement ID',
    ],
    requirements: [KK, policeReport, damagedCard],
    procedure: [
      SUBMIT,
      VERIFY,
      step('officer', false, t('Petugas mencetak KTP-el pengganti.', 'The officer prints the replacement KTP-el.')),
      COLLECT_CARD(t('KTP-el', 'KTP-el card')),
    ],
    completionTime: { value: 3, unit: 'working-days' },
    cost: FREE_ADMINDUK,
    product: t('KTP-el pengganti (kartu fisik)', 'Replacement KTP-el card'),
    complaintChannels: DUKCAPIL_COMPLAINTS,
    channels: CIVIL_CHANNELS,
    officeIds: CIVIL_OFFICES,
    form: {
      version: 1,
      fields: [
        {
          kind: 'choice',
          key: 'reason',
          label: t('Alasan penggantian', 'Reason for replacement'),
          required: true,
          options: [
            { value: 'hilang', label: t('Hilang', 'Lost') },
            { value: 'rusak', label: t('Rusak', 'Damaged') },
          ],
        },
        NIK,
        FULL_NAME,
        KK_NUMBER,
        PHONE,
        NOTIFY_CHANNEL,
        doc(KK),
        doc(policeReport, true, "reason = 'hilang'"),
        doc(damagedCard, true, "reason = 'rusak'"),
      ],
    },
    internal: admindukInternal(4),
  };
})();

const kartuKeluarga: ServiceContent = (() => {
  const marriage: Requirement = {
    ...MARRIAGE_DOC,
    notes: t('Untuk KK baru karena menikah.', 'For a new family card after marriage.'),
  };
  const changeLetter: Requirement = {
    id: 'bukti-perubahan',
    name: t(
      'Dokumen peristiwa yang mengubah data (misalnya akta kelahiran, akta kematian, surat keterangan pindah, akta cerai, ijazah)',
      'The document of the event that changes the data (e.g. birth or death certificate, move certificate, divorce certificate, diploma)',
    ),
    form: 'copy',
    count: 1,
    notes: t(
      'Untuk penambahan, pengurangan atau perubahan data anggota keluarga.',
      "For adding or removing a family member or changing a member's data.",
    ),
  };
  const lossReport: Requirement = {
    id: 'surat-kehilangan',
    name: t('Surat keterangan kehilangan dari kepolisian', 'Police loss report'),
    form: 'original',
    count: 1,
    notes: t('Bila KK hilang.', 'If the family card was lost.'),
  };
  const oldKk: Requirement = {
    id: 'kk-lama',
    name: t('KK lama', 'The current (old) family card'),
    form: 'original',
    count: 1,
    notes: t(
      'Bagi pasangan yang baru menikah: KK orang tua masing-masing. Bila KK rusak: KK yang rusak itu.',
      "For newly-weds: each spouse's parents' family card. If the family card is damaged: the damaged card.",
    ),
  };
  // Penduduk rentan (Permendagri 96/2019: victims of natural or social disasters, neglected persons,
  // remote communities such as Bajo families of Sapeken) are registered from their biodata (form
  // F-1.01) even without any document; a letter from whoever knows them helps the verifier.
  const vulnerableLetter: Requirement = {
    id: 'keterangan-rentan',
    name: t(
      'Surat keterangan dari kepala desa, dinas sosial, atau lembaga pendamping (bila ada)',
      'A letter from the village head, the social affairs office or a supporting organisation (if any)',
    ),
    form: 'original',
    count: 1,
    notes: t(
      'Bagi penduduk rentan yang belum memiliki NIK (Permendagri 96/2019). Tanpa surat ini pun petugas tetap mendata Anda.',
      'For vulnerable residents without a NIK (Permendagri 96/2019). Officers register you even without this letter.',
    ),
  };
  const vulnerable = "reason = 'penduduk-rentan'";
  const registered = "reason != 'penduduk-rentan'";
  return {
    id: 'kartu-keluarga',
    name: t('Kartu Keluarga (baru atau perubahan)', 'Family card (new or change)'),
    summary: t(
      'Penerbitan KK baru, penambahan atau pengurangan anggota keluarga, perubahan data, penggantian KK yang hilang atau rusak, atau pendaftaran penduduk yang belum memiliki NIK.',
      'A new family card, adding or removing a family member, a change of data, replacing a lost or damaged card, or registering residents who have no NIK yet.',
    ),
    category: 'civil-registration',
    keywords: [
      'KK',
      'kartu keluarga',
      'KK baru',
      'pecah KK',
      'ubah KK',
      'tambah anggota',
      'KK hilang',
      'nikah siri',
      'penduduk rentan',
      'belum punya NIK',
      'family card',
      'family register',
      'household card',
    ],
    requirements: [marriage, sptjmMarriage, changeLetter, lossReport, oldKk, vulnerableLetter],
    procedure: [SUBMIT, VERIFY, ISSUE_DIGITAL(t('KK baru', 'new family card')), RECEIVE_DIGITAL],
    completionTime: { value: 3, unit: 'working-days' },
    cost: FREE_ADMINDUK,
    product: t(
      'KK digital (PDF dengan kode verifikasi dan kode QR, dapat dicetak di kertas HVS — Permendagri 109/2019)',
      'Digital family card (PDF with a verification code and QR code, printable on plain paper — Permendagri 109/2019)',
    ),
    electronicProduct: true,
    complaintChannels: DUKCAPIL_COMPLAINTS,
    channels: CIVIL_CHANNELS,
    officeIds: CIVIL_OFFICES,
    form: {
      version: 1,
      fields: [
        {
          kind: 'choice',
          key: 'reason',
          label: t('Jenis permohonan', 'Type of application'),
          required: true,
          options: [
            { value: 'baru-menikah', label: t('KK baru karena menikah', 'New family card after marriage') },
            { value: 'tambah-anggota', label: t('Tambah anggota keluarga', 'Add a family member') },
            { value: 'kurang-anggota', label: t('Kurangi anggota keluarga', 'Remove a family member') },
            {
              value: 'ubah-data',
              label: t(
                'Perubahan data (pendidikan, pekerjaan, status, dll.)',
                'Change of data (education, occupation, status, etc.)',
              ),
            },
            { value: 'hilang-rusak', label: t('KK hilang atau rusak', 'Lost or damaged family card') },
            {
              value: 'penduduk-rentan',
              label: t(
                'Belum punya NIK: pendaftaran penduduk rentan',
                'No NIK yet: registration of a vulnerable resident',
              ),
            },
          ],
        },
        { ...nik('nik', t('NIK kepala keluarga', 'NIK of the head of the family')), ...when(registered) },
        FULL_NAME,
        {
          ...KK_NUMBER,
          required: false,
          help: t('Kosongkan bila membuat KK baru.', 'Leave empty for a new family card.'),
          ...when(registered),
        },
        { kind: 'address', key: 'address', label: t('Alamat tempat tinggal', 'Home address'), required: true },
        {
          kind: 'longText',
          key: 'changeDescription',
          label: t('Uraian perubahan', 'Description of the change'),
          help: t(
            'Misalnya: menambahkan anak yang lahir 3 Maret 2026.',
            'For example: add a child born on 3 March 2026.',
          ),
          required: true,
          maxLength: 1000,
          ...when(registered),
        },
        ...VULNERABLE_FIELDS.map((f) => ({ ...f, ...when(vulnerable) })),
        PHONE,
        NOTIFY_CHANNEL,
        EMAIL,
        doc(marriage, true, "reason = 'baru-menikah'"),
        doc(sptjmMarriage, true, "reason = 'baru-menikah'"),
        doc(changeLetter, true, "reason in ('tambah-anggota', 'kurang-anggota', 'ubah-data')"),
        doc(lossReport, true, "reason = 'hilang-rusak'"),
        doc(oldKk, false, registered),
        doc(vulnerableLetter, false, vulnerable),
      ],
      groups: [
        // A marriage not (yet) recorded: the SPTJM of Permendagri 108/2019 stands in for the book.
        {
          id: 'bukti-perkawinan',
          rule: 'oneOf',
          requirementIds: [marriage.id, sptjmMarriage.id],
          relevant: rule("reason = 'baru-menikah'"),
        },
        // A lost card needs the police report; a damaged one is handed in.
        {
          id: 'kk-hilang-rusak',
          rule: 'oneOf',
          requirementIds: [lossReport.id, oldKk.id],
          relevant: rule("reason = 'hilang-rusak'"),
        },
      ],
    },
    internal: admindukInternal(5, [
      t(
        'Permendagri 96/2019 tentang Pendataan dan Penerbitan Dokumen Kependudukan bagi Penduduk Rentan Administrasi Kependudukan',
        'Minister of Home Affairs Regulation 96/2019 on the Registration of and Documents for Residents Vulnerable in Population Administration',
      ),
    ]),
  };
})();

const aktaKelahiran: ServiceContent = (() => {
  const birthLetter: Requirement = {
    id: 'surat-kelahiran',
    name: t(
      'Surat keterangan kelahiran dari rumah sakit, Puskesmas, dokter, bidan, nakhoda kapal, atau kepala desa',
      'Birth letter from the hospital, Puskesmas, doctor, midwife, ship captain or village head',
    ),
    form: 'original',
    count: 1,
  };
  const sptjmBirth: Requirement = {
    id: 'sptjm-kelahiran',
    name: t('SPTJM kebenaran data kelahiran', 'Statement of full responsibility (SPTJM) for the birth data'),
    form: 'original',
    count: 1,
    notes: t(
      'Bila tidak ada surat keterangan kelahiran; ditandatangani orang tua dengan dua orang saksi (formulir F-2.03).',
      'If there is no birth letter; signed by a parent and two witnesses (form F-2.03, Permendagri 108/2019).',
    ),
  };
  const marriage = MARRIAGE_DOC;
  const kk: Requirement = {
    ...KK,
    notes: t('KK tempat anak akan didaftarkan.', 'The family card the child will be added to.'),
  };
  return {
    id: 'akta-kelahiran',
    name: t('Akta kelahiran', 'Birth certificate'),
    summary: t(
      'Pencatatan kelahiran dan penerbitan kutipan akta kelahiran untuk bayi, anak, maupun orang dewasa yang belum memilikinya. Anak sekaligus ditambahkan ke KK.',
      'Registration of a birth and issue of the birth certificate, for babies, children and adults who have none. The child is added to the family card at the same time.',
    ),
    category: 'civil-registration',
    keywords: [
      'akta',
      'akta kelahiran',
      'akte',
      'akte lahir',
      'surat kelahiran',
      'kelahiran',
      'lahir',
      'bayi',
      'anak',
      'melahirkan',
      'SPTJM',
      'birth certificate',
      'birth registration',
      'newborn',
    ],
    requirements: [birthLetter, sptjmBirth, marriage, sptjmMarriage, kk, KTP_EL_PARENTS],
    procedure: [
      SUBMIT,
      VERIFY,
      ISSUE_DIGITAL(
        t('kutipan akta kelahiran dan KK yang diperbarui', 'birth certificate and the updated family card'),
      ),
      RECEIVE_DIGITAL,
    ],
    completionTime: { value: 1, unit: 'working-days' },
    cost: FREE_ADMINDUK,
    product: t(
      'Kutipan akta kelahiran digital (PDF dengan kode QR, dapat dicetak di kertas HVS — Permendagri 109/2019) dan KK yang diperbarui',
      'Digital birth certificate (PDF with QR code, printable on plain paper — Permendagri 109/2019) and the updated family card',
    ),
    electronicProduct: true,
    complaintChannels: DUKCAPIL_COMPLAINTS,
    channels: CIVIL_CHANNELS,
    officeIds: CIVIL_OFFICES,
    // Kecamatan offices receive and forward; the civil registration office signs the certificate.
    issuedBy: CERTIFICATE_ISSUERS,
    form: {
      version: 1,
      fields: [
        {
          kind: 'text',
          key: 'childName',
          label: t('Nama lengkap anak', "Child's full name"),
          required: true,
          maxLength: 100,
        },
        {
          kind: 'choice',
          key: 'childSex',
          label: t('Jenis kelamin anak', "Child's sex"),
          required: true,
          options: [
            { value: 'laki-laki', label: t('Laki-laki', 'Male') },
            { value: 'perempuan', label: t('Perempuan', 'Female') },
          ],
        },
        {
          kind: 'date',
          key: 'dateOfBirth',
          label: t('Tanggal lahir', 'Date of birth'),
          required: true,
          notInFuture: true,
        },
        {
          kind: 'text',
          key: 'placeOfBirth',
          label: t('Tempat lahir (desa/kota)', 'Place of birth (village/town)'),
          required: true,
          maxLength: 100,
        },
        {
          kind: 'choice',
          key: 'birthAttendant',
          label: t('Penolong kelahiran', 'Birth attended by'),
          required: true,
          options: [
            { value: 'dokter', label: t('Dokter', 'Doctor') },
            { value: 'bidan', label: t('Bidan atau perawat', 'Midwife or nurse') },
            { value: 'dukun', label: t('Dukun bayi', 'Traditional birth attendant') },
            { value: 'lainnya', label: t('Lainnya', 'Other') },
          ],
        },
        {
          kind: 'number',
          key: 'birthOrder',
          label: t('Anak ke-', 'Birth order (1 = first child)'),
          required: true,
          min: 1,
          max: 30,
        },
        {
          ...nik('motherNik', t('NIK ibu', "Mother's NIK")),
          ...constraint(
            "nikSex(motherNik) = 'perempuan'",
            t(
              'Ini NIK laki-laki: pada NIK perempuan, tanggal lahir (angka ke-7 dan ke-8) ditambah 40.',
              'This is a man’s NIK: in a woman’s NIK, 40 is added to the day of birth (digits 7 and 8).',
            ),
          ),
        },
        {
          ...nik('fatherNik', t('NIK ayah', "Father's NIK"), false),
          ...constraint(
            "nikSex(fatherNik) = 'laki-laki'",
            t(
              'Ini NIK perempuan (tanggal lahirnya ditambah 40). Periksa NIK ayah.',
              'This is a woman’s NIK (40 is added to the day of birth). Check the father’s NIK.',
            ),
          ),
        },
        KK_NUMBER,
        PHONE,
        NOTIFY_CHANNEL,
        EMAIL,
        doc(birthLetter),
        doc(sptjmBirth),
        doc(marriage),
        doc(sptjmMarriage),
        doc(kk),
        doc(KTP_EL_PARENTS),
      ],
      groups: [
        // Perpres 96/2018 art. 33–34: without a birth letter, the parents' SPTJM of the birth data.
        { id: 'bukti-kelahiran', rule: 'oneOf', requirementIds: [birthLetter.id, sptjmBirth.id] },
        // Without a marriage book or certificate, the SPTJM of being husband and wife.
        { id: 'bukti-perkawinan', rule: 'oneOf', requirementIds: [marriage.id, sptjmMarriage.id] },
      ],
    },
    internal: admindukInternal(6),
  };
})();

const aktaKematian: ServiceContent = (() => {
  const deathLetter: Requirement = {
    id: 'surat-kematian',
    name: t(
      'Surat kematian dari dokter, rumah sakit, Puskesmas, atau kepala desa',
      'Death letter from a doctor, hospital, Puskesmas or the village head',
    ),
    form: 'original',
    count: 1,
  };
  const sptjmDeath: Requirement = {
    id: 'sptjm-kematian',
    name: t('SPTJM kebenaran data kematian', 'Statement of full responsibility (SPTJM) for the death data'),
    form: 'original',
    count: 1,
    notes: t(
      'Bila tidak ada surat kematian; ditandatangani pelapor dengan dua orang saksi.',
      'If there is no death letter; signed by the reporting person and two witnesses.',
    ),
  };
  const kk: Requirement = {
    ...KK,
    notes: t('KK tempat almarhum/almarhumah terdaftar.', 'The family card the deceased is listed on.'),
  };
  const ktpDeceased: Requirement = {
    id: 'ktp-el-almarhum',
    name: t('KTP-el almarhum/almarhumah', "The deceased's KTP-el"),
    form: 'original',
    count: 1,
    notes: t(
      'Diserahkan kepada petugas; bila hilang, cukup dinyatakan di formulir.',
      'Handed in to the officer; if lost, say so in the form.',
    ),
  };
  return {
    id: 'akta-kematian',
    name: t('Akta kematian', 'Death certificate'),
    summary: t(
      'Pencatatan kematian dan penerbitan kutipan akta kematian; nama almarhum/almarhumah sekaligus dikeluarkan dari KK. Dilaporkan oleh keluarga paling lambat 30 hari.',
      'Registration of a death and issue of the death certificate; the deceased is removed from the family card at the same time. Reported by the family within 30 days.',
    ),
    category: 'civil-registration',
    keywords: [
      'akta',
      'akta kematian',
      'akte kematian',
      'surat kematian',
      'kematian',
      'meninggal',
      'meninggal dunia',
      'wafat',
      'death certificate',
      'death registration',
      'deceased',
    ],
    requirements: [deathLetter, sptjmDeath, kk, ktpDeceased],
    procedure: [
      SUBMIT,
      VERIFY,
      ISSUE_DIGITAL(t('kutipan akta kematian dan KK yang diperbarui', 'death certificate and the updated family card')),
      RECEIVE_DIGITAL,
    ],
    completionTime: { value: 3, unit: 'working-days' },
    cost: FREE_ADMINDUK,
    product: t(
      'Kutipan akta kematian digital (PDF dengan kode QR, dapat dicetak di kertas HVS — Permendagri 109/2019) dan KK yang diperbarui',
      'Digital death certificate (PDF with QR code, printable on plain paper — Permendagri 109/2019) and the updated family card',
    ),
    electronicProduct: true,
    complaintChannels: DUKCAPIL_COMPLAINTS,
    channels: CIVIL_CHANNELS,
    officeIds: CIVIL_OFFICES,
    // Kecamatan offices receive and forward; the civil registration office signs the certificate.
    issuedBy: CERTIFICATE_ISSUERS,
    form: {
      version: 1,
      fields: [
        nik('deceasedNik', t('NIK almarhum/almarhumah', "The deceased's NIK")),
        {
          kind: 'text',
          key: 'deceasedName',
          label: t('Nama almarhum/almarhumah', 'Name of the deceased'),
          required: true,
          maxLength: 100,
        },
        {
          kind: 'date',
          key: 'dateOfDeath',
          label: t('Tanggal meninggal', 'Date of death'),
          required: true,
          notInFuture: true,
        },
        {
          kind: 'text',
          key: 'placeOfDeath',
          label: t('Tempat meninggal', 'Place of death'),
          required: true,
          maxLength: 100,
        },
        {
          kind: 'choice',
          key: 'causeOfDeath',
          label: t('Sebab kematian', 'Cause of death'),
          required: true,
          options: [
            { value: 'sakit', label: t('Sakit biasa/tua', 'Illness or old age') },
            { value: 'kecelakaan', label: t('Kecelakaan', 'Accident') },
            { value: 'lainnya', label: t('Lainnya', 'Other') },
            { value: 'tidak-diketahui', label: t('Tidak diketahui', 'Unknown') },
          ],
        },
        NIK,
        {
          kind: 'choice',
          key: 'relationship',
          label: t('Hubungan pelapor dengan almarhum/almarhumah', 'Your relationship to the deceased'),
          required: true,
          options: [
            { value: 'suami-istri', label: t('Suami/istri', 'Spouse') },
            { value: 'anak', label: t('Anak', 'Child') },
            { value: 'orang-tua', label: t('Orang tua', 'Parent') },
            { value: 'saudara', label: t('Saudara', 'Sibling or relative') },
            { value: 'lainnya', label: t('Lainnya', 'Other') },
          ],
        },
        KK_NUMBER,
        {
          kind: 'yesNo',
          key: 'ktpElLost',
          label: t('KTP-el almarhum/almarhumah hilang?', "Is the deceased's KTP-el lost?"),
          required: true,
        },
        PHONE,
        NOTIFY_CHANNEL,
        doc(deathLetter),
        doc(sptjmDeath),
        doc(kk),
        doc(ktpDeceased, false, 'ktpElLost = false'),
      ],
      groups: [{ id: 'bukti-kematian', rule: 'oneOf', requirementIds: [deathLetter.id, sptjmDeath.id] }],
    },
    internal: admindukInternal(4),
  };
})();

const pindahDatang: ServiceContent = (() => {
  const kk: Requirement = {
    ...KK,
    form: 'original',
    notes: t('KK asli diperbarui setelah pindah.', 'The original family card is updated after the move.'),
  };
  const ktp: Requirement = {
    ...KTP_EL,
    notes: t(
      'Sertakan juga KTP-el anggota keluarga lain yang ikut pindah.',
      'Include the KTP-el of every other family member who moves too.',
    ),
  };
  const skpwni: Requirement = {
    id: 'skpwni',
    name: t(
      'Surat Keterangan Pindah Warga Negara Indonesia (SKPWNI) dari daerah asal',
      'Certificate of move (SKPWNI) from the place of origin',
    ),
    form: 'copy',
    count: 1,
    notes: t('Hanya untuk pendatang dari luar Kabupaten Sumenep.', 'Only when moving in from outside Sumenep Regency.'),
  };
  return {
    id: 'pindah-datang',
    name: t('Pindah keluar dan pindah datang (SKPWNI)', 'Moving out and moving in (SKPWNI)'),
    summary: t(
      'Surat keterangan pindah bagi penduduk yang pindah alamat, antardesa, antarkecamatan atau ke luar daerah, serta pencatatan pendatang dengan KK baru di alamat tujuan.',
      'A certificate of move for residents changing address, village, district or regency, and registration of newcomers with a new family card at their new address.',
    ),
    category: 'civil-registration',
    keywords: [
      'pindah',
      'datang',
      'pindah datang',
      'pindahan',
      'pindah rumah',
      'pindah alamat',
      'SKPWNI',
      'surat pindah',
      'pindah domisili',
      'mutasi penduduk',
      'KK',
      'KTP',
      'move out',
      'move in',
      'change of address',
      'relocation',
    ],
    requirements: [kk, ktp, skpwni],
    procedure: [
      SUBMIT,
      VERIFY,
      ISSUE_DIGITAL(t('SKPWNI atau KK baru di alamat tujuan', 'SKPWNI or the new family card at the new address')),
      RECEIVE_DIGITAL,
    ],
    completionTime: { value: 3, unit: 'working-days' },
    cost: FREE_ADMINDUK,
    product: t(
      'SKPWNI digital dan/atau KK baru di alamat tujuan (PDF dengan kode QR, dapat dicetak di kertas HVS — Permendagri 109/2019); KTP-el baru bila alamat berubah',
      'Digital SKPWNI and/or the new family card at the new address (PDF with QR code, printable on plain paper — Permendagri 109/2019); a new KTP-el when the address changes',
    ),
    complaintChannels: DUKCAPIL_COMPLAINTS,
    channels: CIVIL_CHANNELS,
    officeIds: CIVIL_OFFICES,
    form: {
      version: 1,
      fields: [
        {
          kind: 'choice',
          key: 'direction',
          label: t('Jenis permohonan', 'Type of application'),
          required: true,
          options: [
            {
              value: 'pindah-keluar',
              label: t('Pindah keluar dari alamat sekarang', 'Moving out of my current address'),
            },
            {
              value: 'datang',
              label: t('Datang dari luar Kabupaten Sumenep', 'Moving in from outside Sumenep Regency'),
            },
          ],
        },
        NIK,
        FULL_NAME,
        KK_NUMBER,
        {
          kind: 'choice',
          key: 'reason',
          label: t('Alasan pindah', 'Reason for moving'),
          required: true,
          options: [
            { value: 'pekerjaan', label: t('Pekerjaan', 'Work') },
            { value: 'pendidikan', label: t('Pendidikan', 'Education') },
            { value: 'keluarga', label: t('Keluarga', 'Family') },
            { value: 'perumahan', label: t('Perumahan', 'Housing') },
            { value: 'kesehatan', label: t('Kesehatan', 'Health') },
            { value: 'keamanan', label: t('Keamanan', 'Safety') },
            { value: 'lainnya', label: t('Lainnya', 'Other') },
          ],
        },
        { kind: 'address', key: 'destinationAddress', label: t('Alamat tujuan', 'New address'), required: true },
        {
          kind: 'number',
          key: 'membersMoving',
          label: t('Jumlah anggota keluarga yang pindah', 'Number of family members moving'),
          required: true,
          min: 1,
          max: 20,
        },
        { kind: 'date', key: 'moveDate', label: t('Rencana tanggal pindah', 'Planned moving date'), required: true },
        PHONE,
        NOTIFY_CHANNEL,
        doc(kk),
        doc(ktp),
        doc(skpwni, true, "direction = 'datang'"),
      ],
    },
    internal: admindukInternal(4),
  };
})();

const kia: ServiceContent = (() => {
  const birthCertificate: Requirement = {
    id: 'akta-kelahiran',
    name: t('Kutipan akta kelahiran anak', "The child's birth certificate"),
    form: 'copy',
    count: 1,
  };
  const kk: Requirement = { ...KK, name: t('KK orang tua/wali', "Parents' or guardian's family card") };
  const photo: Requirement = {
    id: 'pas-foto',
    name: t('Pas foto anak berwarna ukuran 2×3', 'Colour photo of the child, 2×3 cm'),
    form: 'original',
    count: 2,
    notes: t(
      'Hanya untuk anak usia 5 tahun ke atas. Latar merah untuk tahun lahir genap, biru untuk tahun lahir ganjil; boleh diunggah sebagai foto digital.',
      'Only for children aged 5 and over. Red background for even birth years, blue for odd; a digital photo may be uploaded instead.',
    ),
  };
  return {
    id: 'kia',
    name: t('Kartu Identitas Anak (KIA)', 'Child identity card (KIA)'),
    summary: t(
      'Kartu identitas resmi bagi anak di bawah 17 tahun yang belum menikah, untuk keperluan sekolah, kesehatan dan layanan lainnya.',
      'The official identity card for unmarried children under 17, for school, health care and other services.',
    ),
    category: 'civil-registration',
    keywords: [
      'KIA',
      'kartu identitas anak',
      'kartu anak',
      'KTP anak',
      'identitas anak',
      'child identity card',
      'child ID',
      'children',
    ],
    requirements: [birthCertificate, kk, KTP_EL_PARENTS, photo],
    procedure: [
      SUBMIT,
      VERIFY,
      step('officer', false, t('Petugas mencetak KIA.', 'The officer prints the KIA.')),
      COLLECT_CARD(t('KIA', 'KIA card')),
    ],
    completionTime: { value: 3, unit: 'working-days' },
    cost: FREE_ADMINDUK,
    product: t('Kartu Identitas Anak (KIA), kartu fisik', 'Child identity card (KIA)'),
    complaintChannels: DUKCAPIL_COMPLAINTS,
    channels: CIVIL_CHANNELS,
    officeIds: CIVIL_OFFICES,
    form: {
      version: 1,
      fields: [
        { ...nik('childNik', t('NIK anak', "Child's NIK")), ...nikBirthDateMatches('childNik', 'childDateOfBirth') },
        {
          kind: 'text',
          key: 'childName',
          label: t('Nama lengkap anak', "Child's full name"),
          required: true,
          maxLength: 100,
        },
        {
          kind: 'date',
          key: 'childDateOfBirth',
          label: t('Tanggal lahir anak', "Child's date of birth"),
          required: true,
          notInFuture: true,
          // Permendagri 2/2016: the KIA is for children under 17 (older ones get a KTP-el).
          ...constraint(
            'age(childDateOfBirth) < 17',
            t(
              'KIA hanya untuk anak di bawah 17 tahun. Yang sudah 17 tahun mengajukan KTP-el.',
              'A KIA is only for children under 17. At 17, apply for a KTP-el.',
            ),
          ),
        },
        {
          kind: 'text',
          key: 'birthCertificateNumber',
          label: t('Nomor akta kelahiran', 'Birth certificate number'),
          required: true,
          maxLength: 40,
        },
        KK_NUMBER,
        nik('parentNik', t('NIK ayah atau ibu yang mengajukan', 'NIK of the applying parent')),
        PHONE,
        NOTIFY_CHANNEL,
        doc(birthCertificate),
        doc(kk),
        doc(KTP_EL_PARENTS),
        doc(photo, true, 'age(childDateOfBirth) >= 5'),
      ],
    },
    internal: admindukInternal(3, [
      t(
        'Permendagri 2/2016 tentang Kartu Identitas Anak',
        'Minister of Home Affairs Regulation 2/2016 on the Child Identity Card',
      ),
    ]),
  };
})();

// ---------------------------------------------------------------------------------------------
// Village letters (kantor desa)

const VILLAGE_CHANNELS: ServiceContent['channels'] = ['online', 'kiosk', 'counter'];
const VILLAGE_STEPS = (letter: LocalizedText): ProcedureStep[] => [
  step(
    'resident',
    false,
    t(
      'Isi formulir dan unggah foto dokumen lewat aplikasi, kios di kantor desa, atau di meja pelayanan desa.',
      'Fill in the form and upload photos of the documents in the app, at the village-office kiosk or at the village service desk.',
    ),
  ),
  step(
    'officer',
    false,
    t('Perangkat desa memeriksa data dan dokumen.', 'A village official checks the data and documents.'),
  ),
  step('officer', false, t(`Kepala desa menandatangani ${letter.id}.`, `The village head signs the ${letter.en}.`)),
  step(
    'resident',
    true,
    t(
      'Ambil surat asli bercap di kantor desa; salinan PDF juga dikirim ke aplikasi.',
      'Collect the original stamped letter at the village office; a PDF copy is also sent to the app.',
    ),
  ),
];

const VILLAGE_ID_FIELDS: FormField[] = [NIK, FULL_NAME, KK_NUMBER];

const suratKeteranganDomisili: ServiceContent = {
  id: 'surat-keterangan-domisili',
  name: t('Surat keterangan domisili', 'Certificate of residence (domisili)'),
  summary: t(
    'Surat dari kepala desa yang menerangkan bahwa Anda bertempat tinggal di desa ini, misalnya untuk sekolah, bank, atau lamaran kerja.',
    'A letter from the village head stating that you live in the village, e.g. for school, a bank or a job application.',
  ),
  category: 'village',
  keywords: [
    'domisili',
    'surat domisili',
    'SKD',
    'keterangan domisili',
    'keterangan tempat tinggal',
    'kantor desa',
    'certificate of residence',
    'proof of address',
    'residence letter',
  ],
  requirements: [KTP_EL, KK, RT_RW_LETTER],
  procedure: VILLAGE_STEPS(t('surat keterangan domisili', 'certificate of residence')),
  completionTime: { value: 1, unit: 'working-days' },
  cost: FREE_VILLAGE,
  product: t(
    'Surat keterangan domisili bertanda tangan dan bercap kepala desa',
    'Certificate of residence signed and stamped by the village head',
  ),
  complaintChannels: VILLAGE_COMPLAINTS,
  channels: VILLAGE_CHANNELS,
  officeIds: VILLAGE_OFFICES,
  form: {
    version: 1,
    fields: [
      ...VILLAGE_ID_FIELDS,
      {
        kind: 'address',
        key: 'address',
        label: t('Alamat tempat tinggal sekarang', 'Current home address'),
        required: true,
      },
      {
        kind: 'date',
        key: 'livingSince',
        label: t('Tinggal di alamat ini sejak', 'Living at this address since'),
        required: true,
        notInFuture: true,
      },
      {
        kind: 'text',
        key: 'purpose',
        label: t('Keperluan surat', 'Purpose of the letter'),
        required: true,
        maxLength: 200,
      },
      PHONE,
      NOTIFY_CHANNEL,
      doc(KTP_EL),
      doc(KK),
      doc(RT_RW_LETTER, false),
    ],
  },
  internal: VILLAGE_INTERNAL,
};

const sktm: ServiceContent = (() => {
  const statement: Requirement = {
    id: 'surat-pernyataan',
    name: t(
      'Surat pernyataan tidak mampu yang ditandatangani pemohon',
      'Statement of low income signed by the applicant',
    ),
    form: 'original',
    count: 1,
    notes: t(
      'Formulir tersedia di kantor desa. Sebutkan kartu bantuan sosial yang dimiliki (KIS, KKS, PKH) bila ada.',
      'The form is available at the village office. Mention any social-assistance cards you hold (KIS, KKS, PKH).',
    ),
  };
  return {
    id: 'sktm',
    name: t('Surat keterangan tidak mampu (SKTM)', 'Certificate of low income (SKTM)'),
    summary: t(
      'Surat dari kepala desa yang menerangkan bahwa keluarga Anda tergolong tidak mampu, untuk keringanan biaya sekolah, berobat, atau bantuan hukum.',
      'A letter from the village head stating that your household has a low income, for reduced school, medical or legal-aid costs.',
    ),
    category: 'village',
    keywords: [
      'SKTM',
      'surat keterangan tidak mampu',
      'tidak mampu',
      'kurang mampu',
      'miskin',
      'keringanan biaya',
      'beasiswa',
      'KIP',
      'low income',
      'certificate of low income',
      'poverty letter',
      'fee waiver',
    ],
    requirements: [KTP_EL, KK, RT_RW_LETTER, statement],
    procedure: VILLAGE_STEPS(t('SKTM', 'certificate of low income')),
    completionTime: { value: 1, unit: 'working-days' },
    cost: FREE_VILLAGE,
    product: t(
      'SKTM bertanda tangan dan bercap kepala desa',
      'Certificate of low income signed and stamped by the village head',
    ),
    complaintChannels: VILLAGE_COMPLAINTS,
    channels: VILLAGE_CHANNELS,
    officeIds: VILLAGE_OFFICES,
    form: {
      version: 1,
      fields: [
        ...VILLAGE_ID_FIELDS,
        {
          kind: 'choice',
          key: 'purpose',
          label: t('Keperluan', 'Purpose'),
          required: true,
          options: [
            { value: 'pendidikan', label: t('Pendidikan (sekolah, beasiswa)', 'Education (school, scholarship)') },
            { value: 'kesehatan', label: t('Kesehatan (berobat, rumah sakit)', 'Health (treatment, hospital)') },
            { value: 'bantuan-hukum', label: t('Bantuan hukum', 'Legal aid') },
            { value: 'lainnya', label: t('Lainnya', 'Other') },
          ],
        },
        {
          kind: 'text',
          key: 'institution',
          label: t(
            'Lembaga tujuan (nama sekolah, rumah sakit, dll.)',
            'Receiving institution (school, hospital, etc.)',
          ),
          required: true,
          maxLength: 150,
        },
        {
          kind: 'number',
          key: 'householdMembers',
          label: t('Jumlah anggota keluarga', 'Number of household members'),
          required: true,
          min: 1,
          max: 30,
        },
        {
          kind: 'number',
          key: 'monthlyIncome',
          label: t('Penghasilan keluarga per bulan (Rp)', 'Household income per month (Rp)'),
          required: true,
          min: 0,
        },
        {
          kind: 'yesNo',
          key: 'hasSocialAssistance',
          label: t('Menerima bantuan sosial (PKH, KKS, KIS)?', 'Receiving social assistance (PKH, KKS, KIS)?'),
          required: true,
        },
        PHONE,
        NOTIFY_CHANNEL,
        doc(KTP_EL),
        doc(KK),
        doc(RT_RW_LETTER, false),
        doc(statement),
      ],
    },
    internal: VILLAGE_INTERNAL,
  };
})();

const suratPengantar: ServiceContent = {
  id: 'surat-pengantar',
  name: t('Surat pengantar desa', 'Village cover letter (surat pengantar)'),
  summary: t(
    'Surat pengantar kepala desa untuk keperluan di instansi lain, misalnya SKCK di kepolisian atau pendaftaran nikah di KUA. Tidak diperlukan untuk KTP-el, KK dan akta (Perpres 96/2018).',
    'A cover letter from the village head for another agency, e.g. a police certificate (SKCK) or marriage registration at the KUA. Not needed for KTP-el, family cards or certificates (Presidential Regulation 96/2018).',
  ),
  category: 'village',
  keywords: [
    'surat pengantar',
    'pengantar desa',
    'pengantar kepala desa',
    'SKCK',
    'nikah',
    'KUA',
    'cover letter',
    'village letter',
    'referral letter',
  ],
  requirements: [KTP_EL, KK],
  procedure: VILLAGE_STEPS(t('surat pengantar', 'cover letter')),
  completionTime: { value: 60, unit: 'minutes' },
  cost: FREE_VILLAGE,
  product: t(
    'Surat pengantar bertanda tangan dan bercap kepala desa',
    'Cover letter signed and stamped by the village head',
  ),
  complaintChannels: VILLAGE_COMPLAINTS,
  channels: VILLAGE_CHANNELS,
  officeIds: VILLAGE_OFFICES,
  form: {
    version: 1,
    fields: [
      ...VILLAGE_ID_FIELDS,
      {
        kind: 'choice',
        key: 'purpose',
        label: t('Keperluan', 'Purpose'),
        required: true,
        options: [
          { value: 'skck', label: t('SKCK (kepolisian)', 'Police certificate (SKCK)') },
          { value: 'nikah', label: t('Pendaftaran nikah di KUA', 'Marriage registration at the KUA') },
          { value: 'usaha', label: t('Izin atau keterangan usaha', 'Business permit or statement') },
          { value: 'bank', label: t('Perbankan atau kredit', 'Banking or a loan') },
          { value: 'lainnya', label: t('Lainnya', 'Other') },
        ],
      },
      {
        kind: 'text',
        key: 'recipient',
        label: t('Ditujukan kepada (instansi)', 'Addressed to (agency)'),
        required: true,
        maxLength: 150,
      },
      {
        kind: 'longText',
        key: 'details',
        label: t('Keterangan tambahan', 'Further details'),
        required: false,
        maxLength: 1000,
      },
      PHONE,
      NOTIFY_CHANNEL,
      doc(KTP_EL),
      doc(KK),
    ],
  },
  internal: VILLAGE_INTERNAL,
};

// ---------------------------------------------------------------------------------------------
// Health (Puskesmas)

// Identity papers are shown at the Puskesmas counter, not uploaded: the NIK in the form is all the
// registration needs (UU 27/2022: collect only what the service needs).
const PATIENT_KTP: Requirement = {
  id: 'ktp-el',
  name: t('KTP-el pasien', "Patient's KTP-el"),
  form: 'original',
  count: 1,
  notes: t(
    'Ditunjukkan di loket; NIK-nya juga dipakai untuk memeriksa kepesertaan JKN.',
    'Shown at the counter; its NIK is also used to check JKN (national health insurance) membership.',
  ),
};
const patientKk: Requirement = {
  id: 'kk',
  name: t('KK atau KIA, bagi anak yang belum memiliki KTP-el', 'Family card or KIA, for children without a KTP-el'),
  form: 'original',
  count: 1,
};

const pendaftaranPuskesmas: ServiceContent = {
  id: 'pendaftaran-puskesmas',
  name: t('Pendaftaran rawat jalan Puskesmas', 'Puskesmas outpatient registration'),
  summary: t(
    'Ambil nomor antrean berobat di Puskesmas dari rumah atau dari kios desa, lalu datang sesuai jadwal.',
    'Get a queue number for a Puskesmas visit from home or a village kiosk, then come at your time.',
  ),
  category: 'health',
  keywords: [
    'puskesmas',
    'daftar puskesmas',
    'antrean',
    'antrian',
    'berobat',
    'periksa',
    'dokter',
    'sakit',
    'rawat jalan',
    'poli',
    'BPJS',
    'JKN',
    'KIS',
    'outpatient',
    'clinic registration',
    'health centre',
    'queue',
    'doctor',
  ],
  requirements: [PATIENT_KTP, patientKk],
  procedure: [
    step(
      'resident',
      false,
      t(
        'Daftar lewat aplikasi, kios di kantor desa, atau loket Puskesmas: pilih poli dan tanggal kunjungan.',
        'Register in the app, at a village-office kiosk or at the Puskesmas counter: choose the clinic and the date of your visit.',
      ),
    ),
    step(
      'officer',
      false,
      t(
        'Petugas pendaftaran memeriksa kepesertaan JKN dan memberi nomor antrean.',
        'The registration officer checks JKN membership and gives a queue number.',
      ),
    ),
    step(
      'resident',
      true,
      t(
        'Datang ke Puskesmas pada hari kunjungan, tunjukkan nomor antrean dan kartu identitas di loket.',
        'Come to the Puskesmas on the day of your visit and show the queue number and your identity card at the counter.',
      ),
    ),
    step(
      'officer',
      true,
      t('Pasien diperiksa di poli sesuai urutan antrean.', 'The patient is examined at the clinic in queue order.'),
    ),
  ],
  completionTime: { value: 15, unit: 'minutes' },
  // Sample: registration is free; outpatient care of JKN members is covered by BPJS Kesehatan.
  cost: {
    amount: 0,
    legalBasis: t(
      'Gratis untuk pendaftaran. Pelayanan peserta JKN dijamin BPJS Kesehatan (Perpres 82/2018 tentang Jaminan Kesehatan).',
      'Registration is free. Care for JKN members is covered by BPJS Kesehatan (Presidential Regulation 82/2018 on Health Insurance).',
    ),
  },
  product: t(
    'Nomor antrean dan pelayanan rawat jalan di poli yang dipilih',
    'A queue number and an outpatient visit at the chosen clinic',
  ),
  complaintChannels: HEALTH_COMPLAINTS,
  channels: ['online', 'kiosk', 'counter'],
  officeIds: HEALTH_OFFICES,
  appointment: { visitDateField: 'visitDate' },
  form: {
    version: 1,
    fields: [
      nik('patientNik', t('NIK pasien', "Patient's NIK")),
      { kind: 'text', key: 'patientName', label: t('Nama pasien', "Patient's name"), required: true, maxLength: 100 },
      {
        kind: 'date',
        key: 'dateOfBirth',
        label: t('Tanggal lahir pasien', "Patient's date of birth"),
        required: true,
        notInFuture: true,
        ...nikBirthDateMatches('patientNik', 'dateOfBirth'),
      },
      {
        kind: 'choice',
        key: 'clinic',
        label: t('Poli tujuan', 'Clinic'),
        required: true,
        options: [
          { value: 'umum', label: t('Poli umum', 'General clinic') },
          { value: 'gigi', label: t('Poli gigi', 'Dental clinic') },
          {
            value: 'kia-kb',
            label: t('Poli KIA/KB (ibu, anak, keluarga berencana)', 'Maternal, child health and family planning'),
          },
          { value: 'lansia', label: t('Poli lansia', 'Older people') },
        ],
      },
      { kind: 'date', key: 'visitDate', label: t('Tanggal kunjungan', 'Date of visit'), required: true },
      {
        kind: 'yesNo',
        key: 'jknMember',
        label: t('Peserta JKN/BPJS Kesehatan?', 'JKN/BPJS Kesehatan member?'),
        required: true,
      },
      {
        kind: 'longText',
        key: 'complaint',
        label: t('Keluhan singkat', 'Main complaint, briefly'),
        required: false,
        maxLength: 500,
      },
      PHONE,
      NOTIFY_CHANNEL,
    ],
    // Papers shown at the counter, not uploaded: the KTP-el, or for a child the KK or KIA.
    groups: [{ id: 'identitas', rule: 'oneOf', requirementIds: [PATIENT_KTP.id, patientKk.id] }],
  },
  internal: healthInternal(4, [
    t('Perpres 82/2018 tentang Jaminan Kesehatan', 'Presidential Regulation 82/2018 on Health Insurance'),
  ]),
};

const suratKeteranganSehat: ServiceContent = (() => {
  const photo: Requirement = {
    id: 'pas-foto',
    name: t('Pas foto berwarna ukuran 3×4', 'Colour photo, 3×4 cm'),
    form: 'original',
    count: 2,
    notes: t(
      'Dibawa saat pemeriksaan; ditempel pada surat.',
      'Bring them to the examination; they are attached to the certificate.',
    ),
  };
  return {
    id: 'surat-keterangan-sehat',
    name: t('Surat keterangan sehat', 'Health certificate'),
    summary: t(
      'Pemeriksaan kesehatan oleh dokter Puskesmas dan surat keterangan sehat untuk melamar kerja, sekolah, atau keperluan lain.',
      'A check-up by a Puskesmas doctor and a health certificate for a job application, school or other purposes.',
    ),
    category: 'health',
    keywords: [
      'surat sehat',
      'surat keterangan sehat',
      'keterangan dokter',
      'cek kesehatan',
      'puskesmas',
      'health certificate',
      'medical certificate',
      'fit to work',
    ],
    requirements: [PATIENT_KTP, photo],
    procedure: [
      step(
        'resident',
        false,
        t(
          'Daftar lewat aplikasi, kios di kantor desa, atau loket Puskesmas dan bayar retribusi di kasir.',
          'Register in the app, at a village-office kiosk or at the Puskesmas counter and pay the fee at the cashier.',
        ),
      ),
      step(
        'resident',
        true,
        t(
          'Datang untuk pemeriksaan fisik (tinggi dan berat badan, tekanan darah, penglihatan) oleh dokter.',
          'Come for a physical examination (height and weight, blood pressure, eyesight) by a doctor.',
        ),
      ),
      step(
        'officer',
        false,
        t('Dokter menerbitkan surat keterangan sehat.', 'The doctor issues the health certificate.'),
      ),
      step(
        'resident',
        true,
        t('Terima surat asli di loket Puskesmas.', 'Receive the original certificate at the Puskesmas counter.'),
      ),
    ],
    completionTime: { value: 60, unit: 'minutes' },
    // Sample tariff: replace with the amount in the regency's current Perda on local taxes and levies
    // (UU 1/2022 requires one Perda PDRD per regency).
    cost: {
      amount: 15_000,
      legalBasis: t(
        'Retribusi pelayanan kesehatan menurut Peraturan Daerah Kabupaten Sumenep tentang Pajak Daerah dan Retribusi Daerah (UU 1/2022 tentang Hubungan Keuangan antara Pemerintah Pusat dan Pemerintahan Daerah).',
        'Health service levy under the Sumenep Regency regional regulation on local taxes and levies (Law 1/2022 on Financial Relations between the Central and Regional Governments).',
      ),
    },
    product: t(
      'Surat keterangan sehat bertanda tangan dokter dan bercap Puskesmas',
      'Health certificate signed by the doctor and stamped by the Puskesmas',
    ),
    complaintChannels: HEALTH_COMPLAINTS,
    channels: ['online', 'kiosk', 'counter'],
    officeIds: HEALTH_OFFICES,
    appointment: { visitDateField: 'visitDate' },
    form: {
      version: 1,
      fields: [
        NIK,
        FULL_NAME,
        {
          kind: 'date',
          key: 'dateOfBirth',
          label: t('Tanggal lahir', 'Date of birth'),
          required: true,
          notInFuture: true,
          ...nikBirthDateMatches('nik', 'dateOfBirth'),
        },
        {
          kind: 'choice',
          key: 'purpose',
          label: t('Keperluan', 'Purpose'),
          required: true,
          options: [
            { value: 'kerja', label: t('Melamar kerja', 'Job application') },
            { value: 'sekolah', label: t('Pendaftaran sekolah atau kuliah', 'School or university enrolment') },
            { value: 'nikah', label: t('Persyaratan nikah', 'Marriage requirement') },
            { value: 'lainnya', label: t('Lainnya', 'Other') },
          ],
        },
        { kind: 'date', key: 'visitDate', label: t('Tanggal pemeriksaan', 'Date of examination'), required: true },
        PHONE,
        NOTIFY_CHANNEL,
      ],
    },
    internal: healthInternal(3, [
      t(
        'Peraturan Daerah Kabupaten Sumenep tentang Pajak Daerah dan Retribusi Daerah',
        'Sumenep Regency regional regulation on local taxes and levies',
      ),
    ]),
  };
})();

export const SEED_SERVICES: ServiceContent[] = [
  ktpElBaru,
  ktpElHilangRusak,
  kartuKeluarga,
  aktaKelahiran,
  aktaKematian,
  pindahDatang,
  kia,
  suratKeteranganDomisili,
  sktm,
  suratPengantar,
  pendaftaranPuskesmas,
  suratKeteranganSehat,
];
