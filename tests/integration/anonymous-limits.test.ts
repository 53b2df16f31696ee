// Limits on what anonymous clients can make the server do (issue 13, point 11), on each real
// database: applications, complaints, walk-in survey responses, uploads, tracking lookups, sign-ins
// and event streams are counted per client address (and records per device key), answered 429 with
// Retry-After past the limit, while other clients go on; a walk-in survey response counts once per
// device, office and month; event streams are capped per client, per device and per server, and end
// after their lifetime. The default limits are used where the test can reach them quickly.
import { createHash, randomBytes } from 'node:crypto';
import { get, type IncomingMessage } from 'node:http';
import type { LightMyRequestResponse } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { uuidv7 } from '../../src/data/uuidv7.ts';
import { SlowDownError } from '../../src/domain/api.ts';
import { SKM_ELEMENTS, type SkmAnswers, SurveyBatchResult } from '../../src/domain/feedback/skm.ts';
import { CHUNK_CONTENT_TYPE } from '../../src/domain/uploads.ts';
import { RATE_RULES } from '../../src/server/limits/rate-limits.ts';
import { type Creds, caller, createAccount, enrolKiosk, fieldToken, firstAdministrator } from '../support/accounts.ts';
import { databaseTargets } from '../support/databases.ts';
import { type SeededApp, seededApp } from '../support/seeded-app.ts';

const OFFICE_A = 'kecamatan-raas';
const OFFICE_B = 'kecamatan-sapeken';
const deviceHash = () => createHash('sha256').update(randomBytes(32)).digest('hex');
/** Records of nothing but an id: each is rejected on its own, cheaply, and still counted. */
const bare = (n: number, over: Record<string, unknown> = {}) =>
  Array.from({ length: n }, () => ({ id: uuidv7(), ...over }));
const lowest = Object.fromEntries(SKM_ELEMENTS.map((e) => [e, 1])) as SkmAnswers;
const walkIn = (over: Record<string, unknown> = {}) => ({
  id: uuidv7(),
  serviceId: 'ktp-el-baru',
  officeId: OFFICE_A,
  channel: 'online',
  answers: lowest,
  deviceKeyHash: deviceHash(),
  ...over,
});

function expectSlowDown(res: LightMyRequestResponse, status = 429): void {
  expect(res.statusCode, res.body).toBe(status);
  const body = SlowDownError.parse(res.json());
  expect(res.headers['retry-after']).toBe(String(body.error.retryAfterSeconds));
}

for (const target of databaseTargets()) {
  describe(`limits on anonymous writes on ${target.kind}`, () => {
    let harness: SeededApp | undefined;
    let call: ReturnType<typeof caller>;
    let kiosk: Creds;
    let field: Creds;

    beforeAll(async () => {
      harness = await seededApp(target, { app: { logLevel: 'silent' } });
      call = caller(harness.app);
      const admin = await firstAdministrator(harness.app, harness.db, 'garam-kalianget-1987');
      kiosk = { ...(await enrolKiosk(harness.app, admin, OFFICE_A)), ip: '10.9.9.9' };
      await createAccount(harness.app, admin, {
        username: 'petugas-lapangan',
        name: 'Petugas Lapangan',
        role: 'field-officer',
        officeIds: [OFFICE_A],
        password: 'perahu-layar-2026',
      });
      field = { ...(await fieldToken(harness.app, 'petugas-lapangan', 'perahu-layar-2026')), ip: '10.9.9.9' };
    });

    afterAll(() => harness?.close());

    it('takes 1,000 application records an hour from one address, then answers 429 with Retry-After', async () => {
      const ip = '10.0.0.1';
      expect(RATE_RULES.records.limit).toBe(1000);
      for (let i = 0; i < 10; i++) {
        const res = await call('POST', '/api/submissions', { ip }, { records: bare(100) });
        expect(res.statusCode, res.body).toBe(200);
      }
      expectSlowDown(await call('POST', '/api/submissions', { ip }, { records: bare(1) }));
      // Sealed boxes count against the same allowance.
      expectSlowDown(await call('POST', '/api/sealed', { ip }, { boxes: [{ id: uuidv7(), box: 'AAAA' }] }));
      // Another address, and an IPv6 neighbour outside the /64, are not held up.
      expect((await call('POST', '/api/submissions', { ip: '10.0.0.2' }, { records: bare(1) })).statusCode).toBe(200);
      expect(
        (await call('POST', '/api/submissions', { ip: '2001:db8:1:2::5' }, { records: bare(100) })).statusCode,
      ).toBe(200);
      // One IPv6 subscriber's /64 is one client: its other addresses share the count.
      for (let i = 0; i < 9; i++)
        await call('POST', '/api/submissions', { ip: `2001:db8:1:2::${i + 10}` }, { records: bare(100) });
      expectSlowDown(await call('POST', '/api/submissions', { ip: '2001:db8:1:2:ffff::1' }, { records: bare(1) }));
      expect((await call('POST', '/api/submissions', { ip: '2001:db8:1:3::1' }, { records: bare(1) })).statusCode).toBe(
        200,
      );
    });

    it('takes 100 records an hour per device key, whatever the address', async () => {
      const device = deviceHash();
      const res = await call(
        'POST',
        '/api/submissions',
        { ip: '10.0.1.1' },
        { records: bare(100, { deviceKeyHash: device }) },
      );
      expect(res.statusCode, res.body).toBe(200);
      expectSlowDown(
        await call('POST', '/api/submissions', { ip: '10.0.1.2' }, { records: bare(1, { deviceKeyHash: device }) }),
      );
      const other = await call(
        'POST',
        '/api/submissions',
        { ip: '10.0.1.2' },
        { records: bare(1, { deviceKeyHash: deviceHash() }) },
      );
      expect(other.statusCode, other.body).toBe(200);
      // A field officer's tablet delivers its 300-application trip, a kiosk its busy day, each with
      // one device key (behind one address): their accounts are counted, not the device key.
      const tablet = deviceHash();
      for (const creds of [field, field, field, kiosk, kiosk]) {
        const res = await call('POST', '/api/submissions', creds, { records: bare(100, { deviceKeyHash: tablet }) });
        expect(res.statusCode, res.body).toBe(200);
      }
    });

    it('takes 100 complaints an hour from one address', async () => {
      const ip = '10.0.2.1';
      expect((await call('POST', '/api/complaints', { ip }, { records: bare(100) })).statusCode).toBe(200);
      expectSlowDown(await call('POST', '/api/complaints', { ip }, { records: bare(1) }));
      expect((await call('POST', '/api/complaints', { ip: '10.0.2.2' }, { records: bare(1) })).statusCode).toBe(200);
    });

    it('answers 100 tracking lookups per 10 minutes from one address, then 429', async () => {
      const ip = '10.0.3.1';
      for (let i = 0; i < RATE_RULES.track.limit; i++)
        expect((await call('GET', `/api/track/NL${String(i).padStart(8, '0')}`, { ip })).statusCode).not.toBe(429);
      expectSlowDown(await call('GET', '/api/track/NL00000000', { ip }));
      expect((await call('GET', '/api/track/NL00000000', { ip: '10.0.3.2' })).statusCode).not.toBe(429);
    });

    it('refuses 100 lowest-score walk-in survey responses in one request, and stores none', async () => {
      const ip = '10.0.4.1';
      const records = Array.from({ length: 100 }, () => walkIn());
      expectSlowDown(await call('POST', '/api/surveys', { ip }, { records }));
      const stored = await harness!.db.query('select 1 from survey_responses where id = any($1::uuid[])', [
        records.map((r) => r.id),
      ]);
      expect(stored).toHaveLength(0);
    });

    it('counts a walk-in survey response once per device, office and month; an enrolled kiosk serves many', async () => {
      const send = async (creds: Creds, ...records: unknown[]) => {
        const res = await call('POST', '/api/surveys', creds, { records });
        expect(res.statusCode, res.body).toBe(200);
        return SurveyBatchResult.parse(res.json()).results;
      };
      const ip = { ip: '10.0.5.1' };
      const device = deviceHash();
      const first = walkIn({ deviceKeyHash: device });
      const [a] = await send(ip, first);
      expect(a).toMatchObject({ status: 'accepted' });
      const again = walkIn({ deviceKeyHash: device, answers: { ...lowest, U1: 4 } });
      const [b] = await send({ ip: '10.0.5.2' }, again);
      expect(b).toEqual({
        id: again.id,
        status: 'duplicate-period',
        receivedAt: (a as { receivedAt: string }).receivedAt,
      });
      // Another office, another device: each counts.
      const [c, d] = await send(ip, walkIn({ deviceKeyHash: device, officeId: OFFICE_B }), walkIn());
      expect([c?.status, d?.status]).toEqual(['accepted', 'accepted']);
      // Without an application a device key is required.
      const { deviceKeyHash: _none, ...keyless } = walkIn();
      expect(await send(ip, keyless)).toEqual([
        { id: keyless.id, status: 'rejected', errors: { deviceKeyHash: { code: 'survey.device-required' } } },
      ]);
      // A kiosk takes one walk-in after another with its one device key.
      const kioskDevice = deviceHash();
      const kioskOnes = [1, 2, 3].map(() => walkIn({ channel: 'kiosk', deviceKeyHash: kioskDevice }));
      expect((await send(kiosk, ...kioskOnes)).map((r) => r.status)).toEqual(['accepted', 'accepted', 'accepted']);
      const rows = await harness!.db.query('select 1 from survey_responses where id = any($1::uuid[])', [
        [first.id, again.id, ...kioskOnes.map((r) => r.id)],
      ]);
      expect(rows).toHaveLength(4);
    });
  });

  describe(`limits on uploads, sign-ins and event streams on ${target.kind}`, () => {
    let harness: SeededApp | undefined;
    let call: ReturnType<typeof caller>;
    let address: string;
    // A tenth of every limit, so the test reaches them in a few requests; streams capped small.
    const SCALE = 0.1;
    const caps = { total: 5, perClient: 3, perDevice: 2, maxSeconds: 2 };

    beforeAll(async () => {
      harness = await seededApp(target, {
        app: {
          logLevel: 'silent',
          rateLimitScale: SCALE,
          streamCaps: caps,
          trustProxy: '127.0.0.1',
        },
      });
      call = caller(harness.app);
      address = await harness.app.listen({ host: '127.0.0.1', port: 0 });
    });

    afterAll(() => harness?.close());

    it('counts upload requests per address before reading a chunk', async () => {
      const limit = Math.round(RATE_RULES.uploads.limit * SCALE);
      const sha = '0'.repeat(64);
      for (let i = 0; i < limit; i++)
        expect((await call('GET', `/api/uploads/${sha}`, { ip: '10.1.0.1' })).statusCode).not.toBe(429);
      expectSlowDown(await call('GET', `/api/uploads/${sha}`, { ip: '10.1.0.1' }));
      expectSlowDown(
        await call('PATCH', `/api/uploads/${sha}`, { ip: '10.1.0.1' }, 'x'.repeat(10), {
          'content-type': CHUNK_CONTENT_TYPE,
        }),
      );
      expect((await call('GET', `/api/uploads/${sha}`, { ip: '10.1.0.2' })).statusCode).not.toBe(429);
    });

    it('counts sign-in requests per address, well-formed or not, before a password is checked', async () => {
      const limit = Math.round(RATE_RULES.signIns.limit * SCALE);
      const body = { username: 'nobody', password: 'wrong-password-1' };
      expect((await call('POST', '/api/auth/login', { ip: '10.1.1.1' }, body)).statusCode).toBe(401);
      for (let i = 1; i < limit; i++)
        expect((await call('POST', '/api/auth/login', { ip: '10.1.1.1' }, { username: '' })).statusCode).toBe(400);
      expectSlowDown(await call('POST', '/api/auth/login', { ip: '10.1.1.1' }, body));
      expectSlowDown(await call('POST', '/api/auth/token', { ip: '10.1.1.1' }, body));
      expect((await call('POST', '/api/auth/login', { ip: '10.1.1.2' }, body)).statusCode).toBe(401);
    });

    /** Opens a device's event stream as the client `ip` (through the trusted proxy on 127.0.0.1). */
    const openStream = (ip: string, key = randomBytes(32).toString('hex')) =>
      new Promise<{ res: IncomingMessage; ended: Promise<void>; close(): void }>((resolve, reject) => {
        const req = get(
          `${address}/api/sync/applications/stream?key=${key}`,
          { headers: { 'x-forwarded-for': ip } },
          (res) => {
            const ended = new Promise<void>((done) => res.on('close', () => done()));
            res.resume();
            resolve({ res, ended, close: () => req.destroy() });
          },
        );
        req.on('error', reject);
      });

    it('holds at most 3 streams per client and 5 in all, 2 per device (the newest), none past its lifetime', async () => {
      const held = [];
      const key = randomBytes(32).toString('hex');
      const first = await openStream('10.2.0.1', key);
      const second = await openStream('10.2.0.1', key);
      expect([first.res.statusCode, second.res.statusCode]).toEqual([200, 200]);
      // A third stream of one device ends its oldest (a reloaded page's old socket).
      const third = await openStream('10.2.0.1', key);
      expect(third.res.statusCode).toBe(200);
      await first.ended;
      held.push(second, third, await openStream('10.2.0.1'));
      // The client's fourth is refused...
      const over = await openStream('10.2.0.1');
      expect(over.res.statusCode).toBe(429);
      expect(over.res.headers['retry-after']).toMatch(/^\d+$/);
      // ...other clients fill the server's five, and the sixth is asked to come back later.
      held.push(await openStream('10.2.0.2'), await openStream('10.2.0.3'));
      expect(held.map((s) => s.res.statusCode)).toEqual([200, 200, 200, 200, 200]);
      const full = await openStream('10.2.0.4');
      expect(full.res.statusCode).toBe(503);
      expect(full.res.headers['retry-after']).toMatch(/^\d+$/);
      // Every stream ends by itself after its lifetime (2 s ± 10%); then there is room again.
      const started = Date.now();
      await Promise.all(held.map((s) => s.ended));
      expect(Date.now() - started).toBeLessThan(caps.maxSeconds * 1100 + 1000);
      const again = await openStream('10.2.0.4');
      expect(again.res.statusCode).toBe(200);
      again.close();
    });

    it('refuses a loop of stream reconnections from one client', async () => {
      const limit = Math.max(1, Math.round(RATE_RULES.streams.limit * SCALE));
      for (let i = 0; i < limit; i++) {
        const s = await openStream('10.2.1.1');
        expect(s.res.statusCode).toBe(200);
        s.close();
        await s.ended;
      }
      const refused = await openStream('10.2.1.1');
      expect(refused.res.statusCode).toBe(429);
    });
  });
}
