/** v3: a service's `appointment` flag (issue 16) and whether its product is electronic (issue 15). */
export const CATALOGUE_SCHEMA_VERSION = 3;
