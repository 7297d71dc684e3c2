/** Every kind's hooks, keyed by kind name, as `apiPlugin({hooks})` takes them; each kind declares its own (`defineResource({ hooks })`). */
import type { KindHooks } from '../api/contract.ts';
import { registry } from '../resources/index.ts';
import type { KindHookDeps } from '../resources/hook-deps.ts';

export type { KindHookDeps } from '../resources/hook-deps.ts';

export function createKindHooks(deps: Omit<KindHookDeps, 'pending' | 'registry'>): Record<string, KindHooks> {
  return registry.hooks(deps);
}
