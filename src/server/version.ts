// The version shown by /api/health and the OpenAPI document: the package version (bundled into the
// compiled server, so dist-server/ needs no package.json beside it).
import packageJson from '../../package.json' with { type: 'json' };

export const APP_VERSION: string = packageJson.version;
