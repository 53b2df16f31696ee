// Abuse figures of issue 13 (points 7, 10, 11), measured as an attacker would: one client
// (127.0.0.1) against the real server code on PGlite over real HTTP. A script, not a test:
// `npx tsx tests/bench/anonymous-abuse.ts` prints one figure per line. It runs unchanged on main,
// so the same command gives the figures before and after.
//   flood      valid applications sent from one client in batches of 100: how many were stored
//   track      tracking-number guesses answered (not 429) per second, for 3 s
//   streams    event streams one client holds open at once, of 1,000 asked for
//   surveys    lowest-score walk-in survey responses stored of 100 sent in one request
//   sign-in    wrong passwords evaluated (401) of 150 concurrent for one username; and whether the
//              right password at position 30 of a 41-request burst was accepted
//   bad text   the answer to a batch of a record with a NUL and a valid one, and whether it was stored
import { createHash, randomBytes } from 'node:crypto';
import { rm } from 'node:fs/promises';
import http from 'node:http';
import { uuidv7 } from '../../src/data/uuidv7.ts';
import { buildApp } from '../../src/server/app.ts';
import { createAdministrator } from '../../src/server/auth/accounts.ts';
import { seedCatalogue } from '../../src/server/catalogue/seed.ts';
import { migrate } from '../../src/server/storage/migrate.ts';
import { openDatabase } from '../../src/server/storage/open.ts';
import { tempDir } from '../support/server.ts';
import { clinicRecord } from './delivery-client.ts';

const FLOOD = Number(process.env.ABUSE_FLOOD ?? 20_000);
const hex = () => createHash('sha256').update(randomBytes(32)).digest('hex');
const line = (label: string, value: string) => console.log(`  ${label.padEnd(24)}  ${value}`);

async function main(): Promise<void> {
  const dataDir = await tempDir('nusa-layan-abuse-');
  const db = await openDatabase({ dataDir });
  await migrate(db);
  await seedCatalogue(db, '35.29');
  const PASSWORD = 'garam-kalianget-1987';
  await createAdministrator(db, 'serbu.tebakan', PASSWORD, { onlyIfNone: true, via: 'environment' });
  const app = await buildApp({ db, staticDir: '/nonexistent', logLevel: 'silent' });
  const url = await app.listen({ host: '127.0.0.1', port: 0 });
  const post = (path: string, body: unknown) =>
    fetch(`${url}${path}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(body),
    });
  const count = async (sql: string) => Number((await db.query<{ n: number }>(sql))[0]!.n);
  console.log('Anonymous abuse, one client, PGlite');
  try {
    // One bad string in a batch
    const good = clinicRecord(1);
    const bad = { ...clinicRecord(2), answers: { ...clinicRecord(2).answers, patientName: 'Siti\u0000' } };
    const before = await count('select count(*)::int as n from applications');
    const badRes = await fetch(`${url}/api/submissions`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ records: [bad, good] }),
    });
    await badRes.arrayBuffer();
    const after = await count('select count(*)::int as n from applications');
    line('bad text', `HTTP ${badRes.status}; the valid record beside it ${after > before ? 'stored' : 'NOT stored'}`);

    // Flood
    const started = performance.now();
    let refused = 0;
    for (let sent = 0; sent < FLOOD; sent += 100) {
      const res = await post('/api/submissions', {
        records: Array.from({ length: Math.min(100, FLOOD - sent) }, (_, i) => clinicRecord(sent + i)),
      });
      await res.arrayBuffer();
      if (res.status === 429) refused++;
    }
    const floodS = (performance.now() - started) / 1000;
    const stored = (await count('select count(*)::int as n from applications')) - after;
    line(
      'flood',
      `${stored.toLocaleString('en-US')} of ${FLOOD.toLocaleString('en-US')} stored in ${floodS.toFixed(1)} s (${refused} batches answered 429)`,
    );

    // Tracking-number guesses
    let answered = 0;
    let limited = 0;
    const until = performance.now() + 3000;
    while (performance.now() < until) {
      const res = await fetch(`${url}/api/track/${randomBytes(4).toString('hex').toUpperCase()}`);
      await res.arrayBuffer();
      if (res.status === 429) limited++;
      else answered++;
    }
    line('track', `${Math.round(answered / 3)} guesses/s answered (${limited} answered 429)`);

    // Event streams held open
    const agent = new http.Agent({ keepAlive: false, maxSockets: Infinity });
    const requests: http.ClientRequest[] = [];
    const statuses = await Promise.all(
      Array.from(
        { length: 1000 },
        () =>
          new Promise<number>((resolve) => {
            const req = http.get(
              `${url}/api/sync/applications/stream?key=${randomBytes(32).toString('hex')}`,
              { agent },
              (res) => {
                res.resume();
                resolve(res.statusCode ?? 0);
              },
            );
            req.on('error', () => resolve(0));
            requests.push(req);
          }),
      ),
    );
    line('streams', `${statuses.filter((s) => s === 200).length} of 1000 held open`);
    for (const r of requests) r.destroy();

    // Walk-in survey responses
    const lowest = Object.fromEntries(['U1', 'U2', 'U3', 'U4', 'U5', 'U6', 'U7', 'U8', 'U9'].map((e) => [e, 1]));
    const surveys = Array.from({ length: 100 }, () => ({
      id: uuidv7(),
      serviceId: 'ktp-el-baru',
      officeId: 'kecamatan-raas',
      channel: 'online',
      answers: lowest,
      deviceKeyHash: hex(),
    }));
    const surveyRes = await post('/api/surveys', { records: surveys });
    await surveyRes.arrayBuffer();
    line(
      'surveys',
      `${await count('select count(*)::int as n from survey_responses')} of 100 stored (HTTP ${surveyRes.status})`,
    );

    // Sign-in
    const login = async (username: string, password: string) => {
      const res = await post('/api/auth/login', { username, password });
      await res.arrayBuffer();
      return res.status;
    };
    const concurrent = await Promise.all(
      Array.from({ length: 150 }, (_, i) => login('serbu.bersamaan', `salah-${i}-xxxxxxxx`)),
    );
    line(
      'sign-in 150 concurrent',
      `${concurrent.filter((s) => s === 401).length} evaluated (401), ${concurrent.filter((s) => s === 429).length} refused (429)`,
    );
    const burst = await Promise.all(
      Array.from({ length: 41 }, (_, i) => login('serbu.tebakan', i === 29 ? PASSWORD : `salah-${i}-xxxxxxxx`)),
    );
    line(
      'sign-in burst of 41',
      `right password at 30: HTTP ${burst[29]}; ${burst.filter((s) => s === 401).length} evaluated (401)`,
    );
  } finally {
    await app.close();
    await db.close();
    await rm(dataDir, { recursive: true, force: true });
  }
}

await main();
