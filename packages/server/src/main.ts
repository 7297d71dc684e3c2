/**
 * Entry point: `node packages/server/src/main.ts --help`. Turns on Node's compile cache before
 * the server's modules load (server-main.ts): a restart then reuses their compiled code
 * instead of stripping and compiling ~1,000 modules again, ~0.3 s of the time every agent waits
 * for after a restart (issue 15). The cache lives in NODE_COMPILE_CACHE, else the system's
 * temporary directory; NODE_DISABLE_COMPILE_CACHE=1 turns it off.
 */
import { enableCompileCache } from 'node:module';

enableCompileCache();
await import('./server-main.ts');
