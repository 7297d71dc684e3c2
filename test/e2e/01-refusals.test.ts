/**
 * End to end on real Docker hosts behind NAT, before any host joined (issue 5). OPT-IN: runs only
 * with DROVER_E2E=1, as root, on a machine where `scripts/testbed.sh up 3` works (docs/testbed.md):
 *
 *   DROVER_E2E=1 pnpm vitest run test/e2e
 *
 * The testbed and the server are shared by every file of test/e2e (support/global-setup.ts,
 * support/e2e.ts); the files run in name order.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { sleep } from './support/process.ts';
import { agentContainers, docker, env, refusedRun } from './support/hosts.ts';
import { ENABLED, e2e, nodes, suiteTitle, type E2e } from './support/e2e.ts';

describe.skipIf(!ENABLED)(suiteTitle('agents behind NAT: before anything joined'), () => {
  let ctx: E2e;
  beforeAll(async () => {
    ctx = await e2e();
  }, 120_000);

  it('privileged containers run on a host (the testbed runc wrapper)', async () => {
    const r = await docker(1, ['run', '--rm', '--privileged', '--net=host', env.TB_IMAGE_BUSYBOX!, 'true'], 60_000);
    expect(r.code, r.stderr).toBe(0);
  });

  it('refuses before anything joined: unknown token, expired token, revoked token, wrong --ca-checksum; nothing registered', async () => {
    const { nodeCommand, tokenValue, revokedToken, expiredToken, caChecksum } = ctx;
    const fake = tokenValue.slice(0, -6) + (tokenValue.endsWith('AAAAAA') ? 'BBBBBB' : 'AAAAAA');
    const unknown = await refusedRun(3, nodeCommand.replace(tokenValue, fake), /unknown|not valid|invalid/i);
    expect(unknown).toMatch(/token/i);
    expect(unknown).not.toContain(fake);
    const revoked = await refusedRun(3, nodeCommand.replace(tokenValue, revokedToken), /revoked/i);
    expect(revoked).toMatch(/registration token \\?"revoked\\?" of cluster \\?"e2e\\?" has been revoked/);
    expect(revoked).not.toContain(revokedToken);
    await sleep(1200); // the 1 s token has surely expired
    const expired = await refusedRun(3, nodeCommand.replace(tokenValue, expiredToken), /expired/i);
    expect(expired).toMatch(/registration token \\?"expiring\\?" of cluster \\?"e2e\\?" expired at/);
    expect(expired).not.toContain(expiredToken);
    const wrong = 'ab'.repeat(32);
    const mismatch = await refusedRun(3, nodeCommand.replace(caChecksum, wrong), /checksum/i);
    expect(mismatch).toContain(wrong);
    expect(mismatch).toContain(caChecksum);
    expect(await nodes(ctx)).toEqual([]);
    expect(await agentContainers(3)).toEqual([]);
  }, 240_000);
});
