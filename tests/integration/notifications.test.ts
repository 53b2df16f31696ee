// Notifications with the app closed (issue 15), on each real database. Web Push end to end: a device
// follows its application through the HTTP route with keys made as a browser makes them, an officer
// moves the application through the office API, the server's worker sends it through `web-push` to a
// push service the test runs, which checks the VAPID signature and decrypts the payload: tracking
// number, service, state and the office's message, never a NIK or a name; a 404/410 removes the
// subscription. The durable outbox: written in the status change's transaction (a rollback leaves
// none), one SMS or WhatsApp text per committed change at a local gateway, retried after a failure
// with the same idempotency key, failures listed for the administrator, the number never logged.
// And every anonymous input bounded: size, shape, secret, devices per record, rate.
import { createHash, randomBytes } from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import webpush from 'web-push';
import { uuidv7 } from '../../src/domain/ids/uuidv7.ts';
import { Notice, TroubledNotice } from '../../src/domain/notifications/notice.ts';
import { buildApp } from '../../src/server/app.ts';
import { submitBatch } from '../../src/server/applications/store.ts';
import { updateApplication } from '../../src/server/applications/updates.ts';
import { pushSender, textSender } from '../../src/server/notify/senders.ts';
import {
  drainNotices,
  MAX_ATTEMPTS,
  type Notifier,
  type Senders,
  startNotifier,
} from '../../src/server/notify/worker.ts';
import type { Database } from '../../src/server/storage/db.ts';
import { appendChunk, declareUpload } from '../../src/server/uploads/store.ts';
import { type Creds, caller, expectApiError, staffOfTwoOffices, type TwoOfficeStaff } from '../support/accounts.ts';
import { databaseTargets } from '../support/databases.ts';
import { jpegPhoto } from '../support/photos.ts';
import { LocalPushService } from '../support/push-service.ts';
import { ktpApplication } from '../support/records.ts';
import { type SeededApp, seededApp } from '../support/seeded-app.ts';
import { LocalTextGateway } from '../support/text-gateway.ts';

const OFFICE = 'kecamatan-raas';
const PASSWORD = 'perahu-talango-2024';
const NIK = '3529014507900003';
const NAME = 'Siti Aminah';
const PHONE_DIGITS = '81234567890';
const PICKUP = { place: "Loket 1, Kantor Kecamatan Ra'as", from: '2026-11-25T09:00:00+07:00' };
const vapid = webpush.generateVAPIDKeys();
const VAPID = { subject: 'mailto:dukcapil@sumenepkab.go.id', ...vapid };
const sha256 = (s: string) => createHash('sha256').update(s).digest('hex');
const HOUR_MS = 3600_000;

for (const target of databaseTargets()) {
  describe(`notifications on ${target.kind}`, () => {
    let harness: SeededApp | undefined;
    let app: FastifyInstance;
    let db: Database;
    let call: ReturnType<typeof caller>;
    let officer: Creds;
    let admin: Creds;
    let staff: TwoOfficeStaff;
    let push: LocalPushService;
    let gateway: LocalTextGateway;
    let senders: Senders;
    const photo = jpegPhoto('kk.jpg', 300);

    /** A resident's application, stored as the device sends it; its secret stays on the "device". */
    const submit = async (answers: Record<string, unknown> = {}) => {
      const secret = randomBytes(32).toString('hex');
      const record = ktpApplication(
        photo.ref,
        { applicant: { kind: 'self', name: NAME }, officeId: OFFICE, secretHash: sha256(secret) },
        { nik: NIK, fullName: NAME, ...answers },
      );
      const [result] = await submitBatch(db, [record]);
      expect(result?.status, JSON.stringify(result)).toBe('accepted');
      return { id: record.id, record, secret, trackingNumber: (result as { trackingNumber: string }).trackingNumber };
    };
    const move = async (id: string, body: Record<string, unknown>) => {
      const res = await call('POST', `/api/office/applications/${id}/moves`, officer, body);
      expect(res.statusCode, res.body).toBe(200);
    };
    const follow = (id: string, secret: string, subscription: unknown, kind = 'application') =>
      call('POST', '/api/push/subscriptions', {}, { target: { kind, id }, secret, subscription });
    const outbox = async (id: string) =>
      db.query<{ channel: string; event: string; state: string; attempts: number; payload: unknown }>(
        'select channel, event, state, attempts, payload from notification_outbox where target_id = $1::uuid order by created_at, channel',
        [id],
      );

    beforeAll(async () => {
      push = await LocalPushService.start(VAPID.publicKey);
      gateway = await LocalTextGateway.start();
      senders = {
        push: pushSender(VAPID, { allowPrivateAddresses: true }),
        text: textSender({ url: gateway.url, token: 'rahasia-gateway' }),
      };
      harness = await seededApp(target, {
        app: { push: { vapidPublicKey: VAPID.publicKey, allowHttpEndpoints: true } },
        beforeApp: async (db) => {
          await declareUpload(db, photo.ref.sha256, 'image/jpeg', photo.ref.size);
          await appendChunk(db, photo.ref.sha256, 0, photo.bytes);
        },
      });
      ({ db, app } = harness);
      call = caller(app);
      staff = await staffOfTwoOffices(app, db, {
        offices: [OFFICE, 'kecamatan-sapeken'],
        adminPassword: 'garam-kalianget-1987',
        password: PASSWORD,
      });
      ({ admin, officerA: officer } = staff);
    });

    afterAll(async () => {
      await harness?.close();
      await push?.close();
      await gateway?.close();
    });

    it('serves the VAPID public key devices subscribe with', async () => {
      const res = await call('GET', '/api/push/key');
      expect(res.statusCode).toBe(200);
      expect(res.json()).toEqual({ publicKey: VAPID.publicKey });
    });

    it('pushes each move the resident must know of to every following device, decryptable only with its keys, with no NIK or name', async () => {
      const application = await submit();
      const phone = push.subscribe();
      const tablet = push.subscribe();
      for (const sub of [phone, tablet])
        expect((await follow(application.id, application.secret, sub)).statusCode).toBe(204);
      // The same device again (keys renewed) is still one device.
      expect((await follow(application.id, application.secret, phone)).statusCode).toBe(204);

      const notifier: Notifier = startNotifier(db, senders, (err) => {
        throw err;
      });
      try {
        await move(application.id, { to: 'verifying' });
        await move(application.id, { to: 'needs-correction', message: 'Foto KK buram, mohon foto ulang.' });
        // The worker is woken by the commit: no drain is called by the test.
        await push.waitFor(() => push.received.length >= 2);
        // The resident corrects (the same record again): back to verifying, which is not pushed.
        const [corrected] = await submitBatch(db, [
          { ...application.record, answers: { ...application.record.answers, notifyChannel: 'whatsapp' } },
        ]);
        expect(corrected?.status).toBe('accepted');
        await move(application.id, { to: 'processing' });
        await move(application.id, { to: 'ready', pickup: PICKUP });
        await push.waitFor(() => push.received.length >= 4);
        await move(application.id, { to: 'completed' });
        await push.waitFor(() => push.received.length >= 6);
      } finally {
        await notifier.stop();
      }
      expect(push.rejected).toEqual([]);
      const toPhone = push.received.filter((m) => m.subscription === push.idOf(phone.endpoint));
      const toTablet = push.received.filter((m) => m.subscription === push.idOf(tablet.endpoint));
      expect(toPhone.map((m) => m.payload)).toEqual(toTablet.map((m) => m.payload));
      // verifying and processing are not pushed; the three that matter are, once each, in order.
      const payloads = toPhone.map((m) => Notice.parse(m.payload));
      expect(payloads.map((p) => p.event)).toEqual(['needs-correction', 'ready', 'completed']);
      expect(payloads[0]).toEqual({
        event: 'needs-correction',
        trackingNumber: application.trackingNumber,
        serviceId: 'ktp-el-baru',
        serviceName: expect.stringContaining('KTP'),
        message: 'Foto KK buram, mohon foto ulang.',
        url: `/permohonan/${application.id}`,
      });
      expect(payloads[1]?.pickup).toEqual(PICKUP);
      expect(payloads[2]?.message).toBeUndefined();
      for (const m of push.received) {
        const raw = JSON.stringify(m.payload);
        expect(raw).not.toContain(NIK);
        expect(raw).not.toContain(NAME);
        expect(raw).not.toContain(PHONE_DIGITS);
        expect(m.claims.sub).toBe(VAPID.subject);
      }
      expect((await outbox(application.id)).filter((r) => r.channel === 'push').map((r) => r.state)).toEqual(
        Array(6).fill('sent'),
      );
    });

    it('pushes a rejection with its reason, and a complaint answered to the device that follows it', async () => {
      const application = await submit();
      const device = push.subscribe();
      expect((await follow(application.id, application.secret, device)).statusCode).toBe(204);
      await move(application.id, { to: 'verifying' });
      await move(application.id, { to: 'rejected', reason: 'Bukan warga Kabupaten Sumenep.' });
      await drainNotices(db, senders);
      const last = Notice.parse(push.received.at(-1)?.payload);
      expect(last).toMatchObject({ event: 'rejected', message: 'Bukan warga Kabupaten Sumenep.' });

      const complaintSecret = randomBytes(32).toString('hex');
      const filed = await call(
        'POST',
        '/api/complaints',
        {},
        {
          records: [
            {
              id: uuidv7(),
              about: { kind: 'application', trackingNumber: application.trackingNumber },
              category: 'service-quality',
              what: 'Petugas tidak datang ke pulau sesuai jadwal.',
              when: '2026-11-20',
              privacy: 'anonymous',
              channel: 'online',
              secretHash: sha256(complaintSecret),
            },
          ],
        },
      );
      expect(filed.statusCode, filed.body).toBe(200);
      const stored = filed.json() as { results: Array<{ id: string; status: string; trackingNumber: string }> };
      expect(stored.results[0]?.status, filed.body).toBe('accepted');
      const id = stored.results[0]!.id;
      const follower = push.subscribe();
      expect((await follow(id, complaintSecret, follower, 'complaint')).statusCode).toBe(204);
      const answered = await call('POST', `/api/office/complaints/${id}/answers`, officer, {
        text: 'Jadwal diganti hari Kamis.',
      });
      expect(answered.statusCode, answered.body).toBe(200);
      await drainNotices(db, senders);
      const toFollower = push.received.filter((m) => m.subscription === push.idOf(follower.endpoint));
      expect(toFollower.map((m) => Notice.parse(m.payload))).toEqual([
        { event: 'complaint-answered', trackingNumber: stored.results[0]!.trackingNumber, url: '/pengaduan' },
      ]);
    });

    it('removes a subscription the push service says is gone (410, 404) and sends it nothing more', async () => {
      const application = await submit({ notifyChannel: 'none' });
      const gone = push.subscribe();
      const unknown = push.subscribe();
      const alive = push.subscribe();
      for (const sub of [gone, unknown, alive]) await follow(application.id, application.secret, sub);
      push.answer.set(push.idOf(gone.endpoint), 410);
      push.answer.set(push.idOf(unknown.endpoint), 404);
      await move(application.id, { to: 'verifying' });
      await move(application.id, { to: 'processing' });
      await move(application.id, { to: 'ready', pickup: PICKUP });
      expect(await drainNotices(db, senders)).toMatchObject({ sent: 1, gone: 2 });
      const left = await db.query<{ endpoint: string }>(
        "select endpoint from push_subscriptions where target_kind = 'application' and target_id = $1::uuid",
        [application.id],
      );
      expect(left.map((r) => r.endpoint)).toEqual([alive.endpoint]);
      await move(application.id, { to: 'completed' });
      const before = push.received.length;
      expect(await drainNotices(db, senders)).toMatchObject({ sent: 1, gone: 0 });
      expect(push.received.slice(before).map((m) => m.subscription)).toEqual([push.idOf(alive.endpoint)]);
    });

    it('writes the outbox in the status change’s transaction: a rolled-back change leaves nothing to send', async () => {
      const application = await submit({ notifyChannel: 'whatsapp' });
      await follow(application.id, application.secret, push.subscribe());
      const sentBefore = gateway.requests.length;
      const pushedBefore = push.received.length;
      await expect(
        updateApplication(
          db,
          application.id,
          { status: 'needs-correction', message: 'Foto buram.' },
          {
            alongside: async () => {
              throw new Error('the history entry could not be written');
            },
          },
        ),
      ).rejects.toThrow('history entry');
      expect(await outbox(application.id)).toEqual([]);
      const [row] = await db.query<{ status: string }>('select status from applications where id = $1::uuid', [
        application.id,
      ]);
      expect(row?.status).toBe('received');
      expect(await drainNotices(db, senders)).toEqual({ sent: 0, retrying: 0, failed: 0, gone: 0, skipped: 0 });
      expect(gateway.requests.length).toBe(sentBefore);
      expect(push.received.length).toBe(pushedBefore);

      // The same change committed: its push and its WhatsApp text are in the outbox before anything is sent.
      await move(application.id, { to: 'verifying' });
      await move(application.id, { to: 'needs-correction', message: 'Foto buram.' });
      expect((await outbox(application.id)).map((r) => [r.channel, r.state])).toEqual([
        ['push', 'pending'],
        ['whatsapp', 'pending'],
      ]);
    });

    it('sends exactly one text per committed change on the chosen channel, with the tracking number and no personal data', async () => {
      const sms = await submit();
      const whatsapp = await submit({ notifyChannel: 'whatsapp' });
      const none = await submit({ notifyChannel: 'none' });
      for (const a of [sms, whatsapp, none]) {
        await move(a.id, { to: 'verifying' });
        await move(a.id, { to: 'processing' });
        await move(a.id, { to: 'ready', pickup: PICKUP });
      }
      await move(sms.id, { to: 'completed' });
      const before = gateway.requests.length;
      await drainNotices(db, senders);
      // Draining again (a second server, a restart) sends nothing more.
      await drainNotices(db, senders);
      await drainNotices(db, senders, new Date(Date.now() + 48 * HOUR_MS));
      const ours = [sms, whatsapp, none].map((a) => a.trackingNumber);
      const mine = gateway.requests
        .slice(before)
        .map((r) => r.body)
        .filter((m) => ours.some((n) => m.message.includes(n)));
      const forSms = mine.filter((m) => m.message.includes(sms.trackingNumber));
      const forWhatsapp = mine.filter((m) => m.message.includes(whatsapp.trackingNumber));
      expect(forSms.map((m) => m.channel)).toEqual(['sms', 'sms']);
      expect(forWhatsapp.map((m) => m.channel)).toEqual(['whatsapp']);
      expect(mine.filter((m) => m.message.includes(none.trackingNumber))).toEqual([]);
      expect(mine).toHaveLength(3);
      expect(forSms[0]?.number).toBe(`+62${PHONE_DIGITS}`);
      expect(forSms[0]?.message).toBe(
        `Nusa Layan: Permohonan ${sms.trackingNumber} (KTP-el baru) siap diambil di ${PICKUP.place} mulai 25 November 2026 pukul 09:00 WIB. Bawa nomor permohonan ini.`,
      );
      expect(forSms[1]?.message).toBe(
        `Nusa Layan: Permohonan ${sms.trackingNumber} (KTP-el baru) sudah selesai. Terima kasih.`,
      );
      for (const m of mine) {
        expect(m.message).not.toContain(NIK);
        expect(m.message).not.toContain(NAME);
        expect(m.message.length).toBeLessThanOrEqual(320);
      }
      // The gateway is told the idempotency key in the body and the header, and the bearer token.
      const request = gateway.requests.at(-1)!;
      expect(request.headers['idempotency-key']).toBe(request.body.idempotencyKey);
      expect(request.headers.authorization).toBe('Bearer rahasia-gateway');
      // The number is personal data: nowhere in the log.
      expect(harness!.logLines.join('\n')).not.toContain(PHONE_DIGITS);
    });

    it('retries a failing gateway with backoff and the same idempotency key, until it is delivered once', async () => {
      const application = await submit();
      await move(application.id, { to: 'verifying' });
      await move(application.id, { to: 'needs-correction', message: 'Foto KK buram.' });
      const before = gateway.requests.length;
      gateway.failNext.push(503, 500);
      const now = Date.now();
      expect(await drainNotices(db, senders, new Date(now))).toMatchObject({ retrying: 1, sent: 0 });
      // Not due again at once: the backoff holds it.
      expect(await drainNotices(db, senders, new Date(now + 1000))).toMatchObject({ retrying: 0, sent: 0 });
      expect(await drainNotices(db, senders, new Date(now + 10 * 60_000))).toMatchObject({ retrying: 1 });
      expect(await drainNotices(db, senders, new Date(now + 2 * HOUR_MS))).toMatchObject({ sent: 1 });
      const tries = gateway.requests.slice(before);
      expect(tries.map((r) => r.status)).toEqual([503, 500, 200]);
      expect(new Set(tries.map((r) => r.body.idempotencyKey)).size).toBe(1);
      expect(tries[0]?.body.message).toBe(
        `Nusa Layan: Permohonan ${application.trackingNumber} (KTP-el baru) perlu perbaikan. Buka aplikasi Nusa Layan untuk membaca pesan petugas dan memperbaikinya.`,
      );
      const [row] = (await outbox(application.id)).filter((r) => r.channel === 'sms');
      expect(row).toMatchObject({ state: 'sent', attempts: 3 });
    });

    it('gives up after repeated failures and lists them for the administrator, without the number or the text', async () => {
      const application = await submit();
      await move(application.id, { to: 'verifying' });
      await move(application.id, { to: 'needs-correction', message: 'Foto KK buram.' });
      // A refusal that will not change by itself (400) fails at once; a 503 every time fails after MAX_ATTEMPTS.
      gateway.failNext.push(400);
      await drainNotices(db, senders);
      const other = await submit();
      await move(other.id, { to: 'verifying' });
      await move(other.id, { to: 'needs-correction', message: 'Foto KK buram.' });
      gateway.failNext.push(...Array(MAX_ATTEMPTS).fill(503));
      for (let i = 0; i < MAX_ATTEMPTS; i++)
        await drainNotices(db, senders, new Date(Date.now() + (i + 1) * 7 * HOUR_MS));

      expectApiError(await call('GET', '/api/admin/notifications/troubled', officer), 403, 'forbidden');
      const res = await call('GET', '/api/admin/notifications/troubled', admin);
      expect(res.statusCode, res.body).toBe(200);
      const notices = TroubledNotice.array().parse((res.json() as { notices: unknown }).notices);
      const byNumber = new Map(notices.map((n) => [n.trackingNumber, n]));
      expect(byNumber.get(application.trackingNumber)).toMatchObject({
        channel: 'sms',
        event: 'needs-correction',
        state: 'failed',
        attempts: 1,
        lastError: 'http_400',
      });
      expect(byNumber.get(other.trackingNumber)).toMatchObject({
        state: 'failed',
        attempts: MAX_ATTEMPTS,
        lastError: 'http_503',
      });
      expect(res.body).not.toContain(PHONE_DIGITS);
      expect(res.body).not.toContain('Foto KK');
      // The number masked: the operator prefix and the last three digits, to see a wrong one.
      expect(byNumber.get(application.trackingNumber)?.phone).toBe('+62812•••••890');
    });

    it('lets only an administrator send a failed text again, once, with the same idempotency key', async () => {
      const application = await submit();
      await move(application.id, { to: 'verifying' });
      await move(application.id, { to: 'needs-correction', message: 'Foto KK buram.' });
      gateway.failNext.push(400);
      expect(await drainNotices(db, senders)).toMatchObject({ failed: 1 });
      const [row] = await db.query<{ id: string }>(
        "select id::text from notification_outbox where target_id = $1::uuid and channel = 'sms'",
        [application.id],
      );
      const retry = (creds: Creds, id = row!.id) => call('POST', `/api/admin/notifications/${id}/retry`, creds);
      expectApiError(await retry({}), 401);
      for (const who of [staff.officerA, staff.officerB, staff.field, staff.kiosk])
        expectApiError(await retry(who), 403, 'forbidden');
      expect((await outbox(application.id)).find((r) => r.channel === 'sms')).toMatchObject({ state: 'failed' });
      expectApiError(await retry(admin, 'not-a-uuid'), 400);
      expectApiError(await retry(admin, crypto.randomUUID()), 404, 'not_found');

      const before = gateway.requests.length;
      expect((await retry(admin)).statusCode).toBe(204);
      expect((await outbox(application.id)).find((r) => r.channel === 'sms')).toMatchObject({
        state: 'pending',
        attempts: 0,
      });
      expect(await drainNotices(db, senders)).toMatchObject({ sent: 1 });
      const sent = gateway.requests.slice(before);
      expect(sent.map((r) => [r.status, r.body.idempotencyKey])).toEqual([[200, row!.id]]);
      // Sent now: nothing to retry, and no longer listed.
      expectApiError(await retry(admin), 409, 'not_troubled');
      const listed = await call('GET', '/api/admin/notifications/troubled', admin);
      expect(listed.body).not.toContain(row!.id);
      const [entry] = await db.query<{ role: string; target_id: string }>(
        "select role, target_id from audit_log where action = 'notification.retry' order by id desc limit 1",
      );
      expect(entry).toEqual({ role: 'administrator', target_id: row!.id });
    });

    it('skips texts when no gateway is configured: nothing sent, nothing shown as a failure', async () => {
      const application = await submit();
      await move(application.id, { to: 'verifying' });
      await move(application.id, { to: 'needs-correction', message: 'Foto KK buram.' });
      const before = gateway.requests.length;
      expect(await drainNotices(db, { push: senders.push, text: null })).toMatchObject({ skipped: 1, failed: 0 });
      expect((await outbox(application.id)).find((r) => r.channel === 'sms')).toMatchObject({ state: 'skipped' });
      // Not due again later either, and not among the administrator's failures.
      await drainNotices(db, senders, new Date(Date.now() + 48 * HOUR_MS));
      expect(gateway.requests.length).toBe(before);
      const listed = await call('GET', '/api/admin/notifications/troubled', admin);
      const notices = TroubledNotice.array().parse((listed.json() as { notices: unknown }).notices);
      expect(notices.map((n) => n.trackingNumber)).not.toContain(application.trackingNumber);
    });

    it('bounds what an anonymous client can send: shape, size, https, the secret, devices per record, rate', async () => {
      const application = await submit();
      const good = push.subscribe();
      expectApiError(await follow(application.id, randomBytes(32).toString('hex'), good), 404, 'not_found');
      expectApiError(await follow(crypto.randomUUID(), application.secret, good), 404, 'not_found');
      expectApiError(
        await follow(application.id, application.secret, { ...good, keys: { ...good.keys, p256dh: 'abc' } }),
        400,
      );
      expectApiError(
        await follow(application.id, application.secret, { ...good, endpoint: 'file:///etc/passwd' }),
        400,
      );
      const huge = await call(
        'POST',
        '/api/push/subscriptions',
        {},
        {
          target: { kind: 'application', id: application.id },
          secret: application.secret,
          subscription: { ...good, endpoint: `${good.endpoint}?${'x'.repeat(5000)}` },
        },
      );
      expect(huge.statusCode).toBe(413);
      for (let i = 0; i < 5; i++)
        expect((await follow(application.id, application.secret, push.subscribe())).statusCode).toBe(204);
      expectApiError(await follow(application.id, application.secret, push.subscribe()), 409, 'too_many_devices');
      // Unfollowing frees a place; only with the secret.
      const [first] = await db.query<{ endpoint: string }>(
        'select endpoint from push_subscriptions where target_id = $1::uuid order by id limit 1',
        [application.id],
      );
      const unfollow = (secret: string) =>
        call(
          'DELETE',
          '/api/push/subscriptions',
          {},
          {
            target: { kind: 'application', id: application.id },
            secret,
            endpoint: first!.endpoint,
          },
        );
      expectApiError(await unfollow(randomBytes(32).toString('hex')), 404);
      expect((await unfollow(application.secret)).statusCode).toBe(204);
      expect((await follow(application.id, application.secret, good)).statusCode).toBe(204);
      // A server not told to accept a local push service takes only https endpoints.
      const production = await buildApp({ db, staticDir: '/nonexistent', push: { vapidPublicKey: VAPID.publicKey } });
      try {
        expectApiError(
          await caller(production)(
            'POST',
            '/api/push/subscriptions',
            {},
            {
              target: { kind: 'application', id: application.id },
              secret: application.secret,
              subscription: push.subscribe(),
            },
          ),
          400,
          'invalid_request',
        );
      } finally {
        await production.close();
      }
      // The rate limit: one client's subscription requests per hour.
      let limited = false;
      for (let i = 0; i < 80 && !limited; i++)
        limited = (await follow(application.id, application.secret, good)).statusCode === 429;
      expect(limited).toBe(true);
    });
  });
}
