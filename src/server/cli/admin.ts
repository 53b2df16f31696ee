// `npm run admin -- create-admin <username>`: creates an administrator on the configured database
// (DATA_DIR or DATABASE_URL, as the server). The password is read from stdin — typed without echo on
// a terminal, or piped (`printf '%s\n' "$PW" | npm run admin -- create-admin ana`) — never from the
// command line, where other users could see it. With PGlite, stop the server first (one process per
// data folder).
import { createInterface } from 'node:readline';
import { NewPassword, Username } from '../../domain/accounts/account.ts';
import { createAdministrator, UsernameTaken } from '../auth/accounts.ts';
import { ConfigError, readConfig } from '../config.ts';
import { migrate } from '../storage/migrate.ts';
import { openDatabase } from '../storage/open.ts';

const USAGE = 'usage: npm run admin -- create-admin <username>   (the password is read from stdin)';

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
  const [command, rawUsername, ...rest] = argv;
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
    else console.error('Could not create the administrator:', err instanceof Error ? err.message : err);
    process.exit(1);
  },
);
