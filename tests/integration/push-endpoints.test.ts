// A push endpoint is a URL any anonymous device hands the server, which then POSTs to it: it must not
// make the server call its own network. On each real database: the subscription route refuses
// endpoints naming a private, loopback or link-local host; and the sender, at the moment it connects,
// refuses an endpoint whose name resolves to such an address (a name can be re-pointed after the
// subscription), so the local push service the test runs receives nothing.
import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import webpush from 'web-push';
import { uuidv7 } from '../../src/domain/ids/uuidv7.ts';
import { Notice } from '../../src/domain/notifications/notice.ts';
import { pushSender } from '../../src/server/notify/senders.ts';
import { caller, expectApiError } from '../support/accounts.ts';
import { databaseTargets } from '../support/databases.ts';
import { LocalPushService } from '../support/push-service.ts';
import { type SeededApp, seededApp } from '../support/seeded-app.ts';

const VAPID = { subject: 'mailto:dukcapil@sumenepkab.go.id', ...webpush.generateVAPIDKeys() };
const NOTICE = Notice.parse({
  event: 'needs-correction',
  trackingNumber: 'SMP-2026-000123',
  serviceId: 'kartu-keluarga',
  serviceName: 'Kartu Keluarga',
  message: 'Foto KK buram.',
  url: '/permohonan/0193a1b2-0000-7000-8000-000000000001',
});

describe('a push sent by the server', () => {
  let push: LocalPushService;
  beforeAll(async () => {
    push = await LocalPushService.start(VAPID.publicKey);
  });
  afterAll(() => push.close());

  it('reaches no private address, whether named as one or resolving to one', async () => {
    const sender = pushSender(VAPID);
    const literal = push.subscribe(); // http://127.0.0.1:<port>/push/<id>
    const byName = { ...push.subscribe() };
    byName.endpoint = byName.endpoint.replace('127.0.0.1', 'localhost'); // resolves to a loopback address
    for (const sub of [literal, byName]) {
      const result = await sender({ endpoint: sub.endpoint, ...sub.keys }, NOTICE);
      expect({ endpoint: sub.endpoint, result }).toEqual({
        endpoint: sub.endpoint,
        result: { kind: 'failed', error: 'not_public' },
      });
    }
    expect(push.received).toEqual([]);
    expect(push.rejected).toEqual([]);
  });

  it('reaches a local push service only when told it may (a test’s own)', async () => {
    const sub = push.subscribe();
    const result = await pushSender(VAPID, { allowPrivateAddresses: true })(
      { endpoint: sub.endpoint, ...sub.keys },
      NOTICE,
    );
    expect(result).toEqual({ kind: 'sent' });
    expect(push.received.map((m) => m.payload)).toEqual([NOTICE]);
  });
});

for (const target of databaseTargets()) {
  describe(`push subscriptions on ${target.kind}`, () => {
    let harness: SeededApp | undefined;
    let call: ReturnType<typeof caller>;
    beforeAll(async () => {
      harness = await seededApp(target, { app: { push: { vapidPublicKey: VAPID.publicKey } } });
      call = caller(harness.app);
    });
    afterAll(() => harness?.close());

    const follow = (endpoint: string) =>
      call(
        'POST',
        '/api/push/subscriptions',
        {},
        {
          target: { kind: 'application', id: uuidv7() },
          secret: randomBytes(32).toString('hex'),
          subscription: {
            endpoint,
            expirationTime: null,
            keys: { p256dh: `B${'A'.repeat(86)}`, auth: 'A'.repeat(22) },
          },
        },
      );

    it('refuses an endpoint on a private, loopback or link-local host with a JSON 400 naming the field', async () => {
      for (const endpoint of [
        'https://localhost/push/1',
        'https://127.0.0.1/push/1',
        'https://[::1]/push/1',
        'https://169.254.169.254/latest/meta-data/',
        'https://192.168.1.1/admin',
        'https://db.internal/x',
      ]) {
        const res = await follow(endpoint);
        expectApiError(res, 400, 'invalid_request');
        expect(res.json().error.fields).toEqual({ 'body.subscription.endpoint': ['not_public'] });
      }
    });

    it('takes an endpoint on a public push service to the record check', async () => {
      // No record has this id: past the endpoint check, the route answers that.
      expectApiError(await follow('https://fcm.googleapis.com/fcm/send/abc'), 404, 'not_found');
    });
  });
}
