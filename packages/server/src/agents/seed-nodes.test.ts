import { describe, expect, it } from 'vitest';
import { join } from 'node:path';
import { createTempStore } from '../testing.ts';
import { seedNodes } from './seed-nodes.ts';
import { api, connectAgent, startAgentTestServer } from './test-support.ts';

describe('seedNodes (the scale fixture)', () => {
  it('writes Nodes and credentials an agent can connect with, over clusters of nodesPerCluster', async () => {
    const t = await createTempStore();
    try {
      const seeded = await seedNodes(t.store, { dataDir: join(t.dir, 'data'), count: 5, nodesPerCluster: 2, clusterPrefix: 'site' });
      expect(seeded.map((n) => `${n.cluster}/${n.node}`)).toEqual(['site-0/node-0', 'site-0/node-1', 'site-1/node-2', 'site-1/node-3', 'site-2/node-4']);
      const s = await startAgentTestServer({}, t);
      try {
        const last = seeded[4]!;
        const session = await connectAgent(s, last.credential, last.engineId);
        const state = async (): Promise<string> => ((await api(s, 'GET', `/namespaces/${last.cluster}/nodes/${last.node}`)).body as { status: { state: string } }).status.state;
        await expect.poll(state, { timeout: 5000 }).toBe('Connected');
        session.destroy();
        // Bound to its engine like a registered node: another engine ID is refused.
        await expect(connectAgent(s, seeded[0]!.credential, 'OTHER')).rejects.toMatchObject({ details: { status: 403 } });
      } finally {
        await s.close();
      }
    } finally {
      await t.cleanup();
    }
  });
});
