// The words a resident receives with the app closed: short Bahasa Indonesia texts with the tracking
// number and nothing personal, the pickup time to the minute in WIB, the notification's title and
// body, which status changes are told at all, and the retry backoff of the notification worker.
import { describe, expect, it } from 'vitest';
import {
  maskPhone,
  type Notice,
  noticeEventOf,
  pushNotificationText,
  textMessage,
} from '../../src/domain/notifications/notice.ts';
import { backoffSeconds } from '../../src/server/notify/worker.ts';

const base = {
  trackingNumber: '7K3Q-9XW2',
  serviceId: 'kia',
  serviceName: 'Kartu Identitas Anak (KIA)',
  url: '/permohonan/x',
};

describe('notices', () => {
  it('tells the resident of needs-correction, ready, completed and rejected only', () => {
    expect(
      ['received', 'verifying', 'needs-correction', 'processing', 'ready', 'completed', 'rejected'].map((s) =>
        noticeEventOf(s as Parameters<typeof noticeEventOf>[0]),
      ),
    ).toEqual([null, null, 'needs-correction', null, 'ready', 'completed', 'rejected']);
  });

  it('writes each text message in Bahasa Indonesia with the tracking number, without the office’s free text', () => {
    const correction: Notice = { ...base, event: 'needs-correction', message: 'Bu Siti, foto KK buram.' };
    expect(textMessage(correction)).toBe(
      'Nusa Layan: Permohonan 7K3Q-9XW2 (Kartu Identitas Anak (KIA)) perlu perbaikan. Buka aplikasi Nusa Layan untuk membaca pesan petugas dan memperbaikinya.',
    );
    expect(textMessage(correction)).not.toContain('Siti');
    const ready: Notice = {
      ...base,
      event: 'ready',
      pickup: { place: "Loket 2, Kantor Kecamatan Ra'as", from: '2026-11-25T02:30:00Z' },
    };
    expect(textMessage(ready)).toBe(
      "Nusa Layan: Permohonan 7K3Q-9XW2 (Kartu Identitas Anak (KIA)) siap diambil di Loket 2, Kantor Kecamatan Ra'as mulai 25 November 2026 pukul 09:30 WIB. Bawa nomor permohonan ini.",
    );
    expect(textMessage({ ...base, event: 'rejected', message: 'Bukan warga Sumenep.' })).toBe(
      'Nusa Layan: Permohonan 7K3Q-9XW2 (Kartu Identitas Anak (KIA)) ditolak. Buka aplikasi Nusa Layan atau hubungi kantor layanan untuk alasannya.',
    );
    expect(textMessage({ event: 'complaint-answered', trackingNumber: 'AB12-CD34', url: '/pengaduan' })).toBe(
      'Nusa Layan: Pengaduan AB12-CD34 sudah dijawab petugas. Buka aplikasi Nusa Layan untuk membacanya.',
    );
    // A long place name is cut: the text stays short.
    const long = textMessage({ ...ready, pickup: { place: 'x'.repeat(300), from: ready.pickup!.from } });
    expect(long.length).toBeLessThan(260);
  });

  it('shows the notification with the state as title and the office’s words in the body, in either language', () => {
    expect(pushNotificationText({ ...base, event: 'needs-correction', message: 'Foto KK buram.' }, 'id')).toEqual({
      title: 'Permohonan perlu perbaikan',
      body: '7K3Q-9XW2 · Kartu Identitas Anak (KIA)\nFoto KK buram.',
    });
    expect(
      pushNotificationText(
        { ...base, event: 'ready', pickup: { place: 'Loket 2', from: '2026-11-25T02:30:00Z' } },
        'en',
      ),
    ).toEqual({
      title: 'Application ready for pickup',
      body: '7K3Q-9XW2 · Kartu Identitas Anak (KIA)\nLoket 2, from 25 November 2026 at 09:30 WIB',
    });
  });

  it('masks a phone number for the administrator: operator prefix and last three digits only', () => {
    expect(maskPhone('+6281234567890')).toBe('+62812•••••890');
    expect(maskPhone('+62812345678')).toBe('+62812•••678');
    expect(maskPhone('+62812345')).toBe('+62••••••');
  });

  it('backs off from 30 s, doubling, up to 6 hours, spread ±20%', () => {
    expect([1, 2, 3, 4].map((n) => backoffSeconds(n, 0.5))).toEqual([30, 60, 120, 240]);
    expect(backoffSeconds(20, 0.5)).toBe(6 * 3600);
    expect(backoffSeconds(1, 0)).toBe(24);
    expect(backoffSeconds(1, 1)).toBe(36);
  });
});
