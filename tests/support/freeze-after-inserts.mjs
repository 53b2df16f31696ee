// Test-only fault injection for the real server process on PGlite, loaded with
// NODE_OPTIONS=--import: once NUSA_TEST_FREEZE_AFTER_APPLICATION_INSERTS statements that insert an
// application have run (counted across transactions), the process freezes right there — inside the
// transaction, before it commits — as a stalled machine would, and says so on stderr, so a test can
// SIGKILL it at an exact point in the middle of a batch. PGlite lives inside the process, so no
// outside transaction can hold the server up the way a PostgreSQL test can with a lock. Plain
// JavaScript: it runs before tsx is loaded.
import { PGlite } from '@electric-sql/pglite';

const limit = Number(process.env.NUSA_TEST_FREEZE_AFTER_APPLICATION_INSERTS ?? 0);

if (limit > 0) {
  let inserts = 0;
  const transaction = PGlite.prototype.transaction;
  PGlite.prototype.transaction = async function (callback) {
    return transaction.call(this, (tx) =>
      callback(
        new Proxy(tx, {
          get(target, key) {
            const value = Reflect.get(target, key, target);
            if (key === 'query') {
              return async (sql, ...rest) => {
                const result = await value.call(target, sql, ...rest);
                if (/insert\s+into\s+applications\b/i.test(String(sql)) && ++inserts >= limit) {
                  process.stderr.write(`frozen after ${inserts} application inserts\n`);
                  Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0);
                }
                return result;
              };
            }
            return typeof value === 'function' ? value.bind(target) : value;
          },
        }),
      ),
    );
  };
}
