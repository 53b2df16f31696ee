// What DATA_DIR holds with the embedded database: PGlite's cluster, the lock that keeps a second
// server out, and the socket the admin command asks the running server for a backup through.
import { join } from 'node:path';

export const pgliteDir = (dataDir: string) => join(dataDir, 'pglite');
export const lockPath = (dataDir: string) => join(dataDir, 'nusa-layan.lock');
export const backupSocketPath = (dataDir: string) => join(dataDir, 'nusa-layan.sock');
