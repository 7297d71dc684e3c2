/** The agent's version (the package's), sent at registration and on every tunnel connect. */
import pkg from '../package.json' with { type: 'json' };

export const AGENT_VERSION: string = pkg.version;
