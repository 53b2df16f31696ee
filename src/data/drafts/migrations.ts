// Steps between stored draft versions. A new app version that changes the Draft schema bumps
// DRAFT_SCHEMA_VERSION and adds the step from the previous version here: RxDB runs the steps on the
// device at start, so drafts typed under an older version are carried forward, never dropped.
import type { MigrationStrategies } from 'rxdb';

export const DRAFT_SCHEMA_VERSION = 0;

export const DRAFT_MIGRATIONS: MigrationStrategies = {};
