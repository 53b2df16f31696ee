// `npm run admin -- <command>` on the configured database (DATA_DIR or DATABASE_URL, as the server):
//   create-admin <username>  creates an administrator. The password is read from stdin — typed without
//                            echo on a terminal, or piped (`printf '%s\n' "$PW" | npm run admin --
//                            create-admin ana`) — never from the command line, where other users could
//                            see it. With PGlite, stop the server first (one process per data folder).
//   backup <file>            a consistent backup of the embedded database, taken while the server runs
//                            (through its socket in the data folder) or with it stopped.
//   restore <file>           unpacks a backup into an empty DATA_DIR and recovers it.
// With PostgreSQL, backups are pg_dump's and pg_restore's job (README, "Deployment").
import { createWriteStream } from 'node:fs';
import { rename } from 'node:fs/promises';
import { dirname, resolve } from 'node:path';
import { createInterface } from 'node:readline';
import { NewPassword, Username } from '../../domain/accounts/account.ts';
import { createAdministrator, UsernameTaken } from '../auth/accounts.ts';
import { ConfigError, readConfig } from '../config.ts';
import { restoreBackup, writeBackup } from '../storage/backup.ts';
import { requestBackup } from '../storage/backup-socket.ts';
import { syncPath } from '../storage/durable-fs.ts';
import { pgliteDir } from '../storage/folders.ts';
import { migrate } from '../storage/migrate.ts';
import { openDatabase } from '../storage/open.ts';

const USAGE = `usage: npm run admin -- create-admin <username>   (the password is read from stdin)
       npm run admin -- backup <file>            (the embedded database, while the server runs or not)
       npm run admin -- restore <file>           (into an empty DATA_DIR, with no server on it)`;

const POSTGRES_BACKUPS =
  'With PostgreSQL (DATABASE_URL), use its own tools: pg_dump --format=custom --file=<file> "$DATABASE_URL", ' +
  'and pg_restore --no-owner --dbname="$DATABASE_URL" <file> into an empty database.';

const mib = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(1)} MiB`;

/** Writes the backup to `<file>.partial`, syncs it and renames it: a file under `file` is always whole. */
async function backup(file: string): Promise<number> {
  const config = readConfig();
  if (config.databaseUrl) {
    console.error(POSTGRES_BACKUPS);
    return 2;
  }
  const target = resolve(file);
  const partial = `${target}.partial`;
  const out = createWriteStream(partial, { mode: 0o600 });
  const finished = new Promise<void>((done, fail) => out.once('finish', done).once('error', fail));
  let summary = await requestBackup(config.dataDir, out);
  if (summary) out.end();
  else {
    // No server on the folder: open it here (this takes the folder's lock, so none can start meanwhile).
    const db = await openDatabase(config);
    try {
      summary = await writeBackup(db, pgliteDir(config.dataDir), out);
    } finally {
      await db.close();
    }
  }
  await finished;
  await syncPath(partial);
  await rename(partial, target);
  await syncPath(dirname(target));
  console.log(`Backup written to ${target}: ${summary.files} files, ${mib(summary.bytes)} of database.`);
  return 0;
}

async function restore(file: string): Promise<number> {
  const config = readConfig();
  if (config.databaseUrl) {
    console.error(POSTGRES_BACKUPS);
    return 2;
  }
  const { files } = await restoreBackup(resolve(file), pgliteDir(config.dataDir));
  // The first open recovers the copy to the state at the end of the backup.
  const db = await openDatabase(config);
  try {
    const [counts] = await db.query<{ applications: number; photos: number }>(
      `select (select count(*) from applications)::int as applications,
              (select count(*) from uploads where complete)::int as photos`,
    );
    console.log(
      `Restored ${files} files into ${config.dataDir}: ${counts?.applications ?? 0} applications, ${counts?.photos ?? 0} complete uploads.`,
    );
  } finally {
    await db.close();
  }
  return 0;
}

async function readPasswordFromTerminal(prompt: string): Promise<string> {
  const stdin = process.stdin;
  process.stdout.write(prompt);
  stdin.setRawMode(true);
  stdin.resume();
  stdin.setEncoding('utf8');
  return new Promise((resolve, reject) => {
    let value = '';
    const onData = (chunk: string) => {
      for (const ch of chunk) {
        if (ch === '\r' || ch === '\n' || ch === '\u0004') {
          done();
          return resolve(value);
        }
        if (ch === '\u0003') {
          done();
          return reject(new Error('cancelled'));
        }
        if (ch === '\u007f' || ch === '\b') value = value.slice(0, -1);
        else value += ch;
      }
    };
    const done = () => {
      stdin.off('data', onData);
      stdin.setRawMode(false);
      stdin.pause();
      process.stdout.write('\n');
    };
    stdin.on('data', onData);
  });
}

async function readPasswordFromPipe(): Promise<string> {
  const rl = createInterface({ input: process.stdin, terminal: false });
  for await (const line of rl) {
    rl.close();
    return line;
  }
  return '';
}

async function readPassword(): Promise<string> {
  if (!process.stdin.isTTY) return readPasswordFromPipe();
  const first = await readPasswordFromTerminal('Password (at least 12 characters, not shown): ');
  const again = await readPasswordFromTerminal('Repeat it: ');
  if (first !== again) throw new Error('The two passwords differ.');
  return first;
}

async function main(argv: string[]): Promise<number> {
  const [command, argument, ...rest] = argv;
  if (command === 'backup' && argument && rest.length === 0) return backup(argument);
  if (command === 'restore' && argument && rest.length === 0) return restore(argument);
  return createAdmin(command, argument, rest);
}

async function createAdmin(command: string | undefined, rawUsername: string | undefined, rest: string[]) {
  if (command !== 'create-admin' || !rawUsername || rest.length > 0) {
    console.error(USAGE);
    return 2;
  }
  const username = Username.safeParse(rawUsername);
  if (!username.success) {
    console.error(`Username: ${username.error.issues[0]?.message ?? 'invalid'}`);
    return 2;
  }
  const password = NewPassword.safeParse(await readPassword());
  if (!password.success) {
    console.error(`Password: ${password.error.issues[0]?.message ?? 'invalid'}`);
    return 2;
  }
  const config = readConfig();
  const db = await openDatabase(config);
  try {
    await migrate(db);
    await createAdministrator(db, username.data, password.data, { onlyIfNone: false, via: 'cli' });
    console.log(`Administrator ${username.data} created.`);
    return 0;
  } finally {
    await db.close();
  }
}

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (err: unknown) => {
    if (err instanceof ConfigError || err instanceof UsernameTaken) console.error(err.message);
    else console.error('Failed:', err instanceof Error ? err.message : err);
    process.exit(1);
  },
);
