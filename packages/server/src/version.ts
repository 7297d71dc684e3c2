/** Drover's own version (the server package's), as served at `GET /v1/version`. */
import pkg from '../package.json' with { type: 'json' };

export const DROVER_VERSION: string = pkg.version;
