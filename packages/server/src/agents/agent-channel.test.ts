import { duplexPair } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { AgentChannel } from './agent-channel.ts';

describe('AgentChannel.closed', () => {
  it('resolves with the stream error whether asked for before the close or after, the same promise each time', async () => {
    const [a] = duplexPair();
    const early = new AgentChannel(a);
    const p = early.closed;
    expect(early.closed).toBe(p);
    a.destroy(new Error('reset by the agent'));
    expect((await p)?.message).toBe('reset by the agent');

    const [b] = duplexPair();
    const late = new AgentChannel(b);
    b.destroy(new Error('gone'));
    await new Promise((r) => setImmediate(r));
    expect((await late.closed)?.message).toBe('gone');
    expect(late.closed).toBe(late.closed);
  });

  it('resolves undefined after a clean end of both sides, and fails a request made after it', async () => {
    const [a, b] = duplexPair();
    const channel = new AgentChannel(a);
    b.resume();
    b.end();
    a.end();
    expect(await channel.closed).toBeUndefined();
    await expect(channel.containerLogs('etcd', 10)).rejects.toMatchObject({ code: 'DROVER_ERR_NODE_CHANNEL_CLOSED' });
  });
});
