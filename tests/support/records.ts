// The application most integration tests send: a birth certificate (akta-kelahiran, a seeded service)
// with the family card and the parent's ID card, valid against the seeded form unless told otherwise.
// Its requirement groups are met with the same photos (content-addressed: one upload serves both):
// the birth letter with the family card's, the marriage book with the ID card's.
import { createHash, randomBytes } from 'node:crypto';
import type { AttachmentRef } from '../../src/domain/drafts/draft.ts';
import { NIK_SEX } from '../../src/domain/forms/rules/evaluate.ts';
import { decodeNik } from '../../src/domain/identity/nik.ts';
import { uuidv7 } from '../../src/domain/ids/uuidv7.ts';
import type { SubmissionRecord } from '../../src/domain/submissions/submission.ts';

export const MOTHER_NIK = '3529014507900003';

export function birthApplication(
  kk: AttachmentRef,
  ktp: AttachmentRef,
  over: Partial<SubmissionRecord> = {},
  answers: Record<string, unknown> = {},
): SubmissionRecord {
  return {
    id: uuidv7(),
    serviceId: 'akta-kelahiran',
    formVersion: 1,
    channel: 'online',
    applicant: { kind: 'self', name: 'Siti Aminah' },
    answers: {
      childName: 'Muhammad Rizki',
      childSex: 'laki-laki',
      dateOfBirth: '2025-10-03',
      placeOfBirth: 'Kalianget',
      birthAttendant: 'bidan',
      birthOrder: '2',
      motherNik: MOTHER_NIK,
      kkNumber: '3529010203260001',
      phone: '0812 3456 7890',
      ...answers,
    },
    attachments: { kkDoc: [kk], ktpElOrangTuaDoc: [ktp], suratKelahiranDoc: [kk], bukuNikahDoc: [ktp] },
    consent: true,
    secretHash: createHash('sha256').update(randomBytes(32)).digest('hex'),
    ...over,
  } as SubmissionRecord;
}

/**
 * The date of birth and sex a NIK encodes, as a form's answers: the KTP-el form checks its fields
 * against the NIK, so a record made for another NIK must say the same.
 */
export function identityOf(nik: string): { dateOfBirth: string; sex: string } {
  const decoded = decodeNik(nik, new Date());
  if (!decoded) throw new Error(`not a NIK: ${nik}`);
  return { dateOfBirth: decoded.birthDate, sex: NIK_SEX[decoded.sex] };
}

/**
 * A new KTP-el application (ktp-el-baru, a seeded service) with the family card, valid against the
 * seeded form unless told otherwise: Siti Aminah of Raas, unless `over` and `answers` say who else.
 */
export function ktpApplication(
  kk: AttachmentRef,
  over: Partial<SubmissionRecord> = {},
  answers: Record<string, unknown> = {},
): SubmissionRecord {
  return {
    id: uuidv7(),
    serviceId: 'ktp-el-baru',
    formVersion: 1,
    channel: 'online',
    applicant: { kind: 'self', name: 'Siti Aminah' },
    answers: {
      nik: MOTHER_NIK,
      fullName: 'Siti Aminah',
      sex: 'perempuan',
      dateOfBirth: '1990-07-05',
      maritalStatus: 'kawin',
      kkNumber: '3529010203260001',
      address: {
        provinceCode: '35',
        regencyCode: '35.29',
        districtCode: '35.29.22',
        villageCode: '35.29.22.2001',
        street: 'Jl. Pelabuhan 1',
      },
      recordingPlace: 'kecamatan',
      phone: '0812 3456 7890',
      // Another applicant's NIK brings their date of birth and sex, unless the test gives its own.
      ...(typeof answers.nik === 'string' ? identityOf(answers.nik) : {}),
      ...answers,
    },
    attachments: { kkDoc: [kk] },
    consent: true,
    secretHash: createHash('sha256').update(randomBytes(32)).digest('hex'),
    ...over,
  } as SubmissionRecord;
}
