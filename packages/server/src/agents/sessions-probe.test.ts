import { describe, expect, it } from 'vitest';
import { encodeControl, FrameType, Session, createMemoryTransportPair } from '@drover/tunnel';
import { rawPeer } from '@drover/tunnel/testing';
import { AgentSessions } from './sessions.ts';

/** A connected server session held in node c/n's slot, its agent a raw peer. Long heartbeat: only the pings a test sends. */
async function heldSession() {
  const pair = createMemoryTransportPair();
  const session = new Session(pair.a, { role: 'server', limits: { pingIntervalMs: 60_000, deadPeerTimeoutMs: 180_000 } }).start();
  const agent = rawPeer(pair.b);
  agent.hello();
  await session.ready();
  const sessions = new AgentSessions();
  const entry = sessions.reserve('c', 'n')!;
  entry.session = session;
  entry.connectedAt = new Date();
  return { session, agent, sessions, entry };
}

describe('probing a held session (a node reconnecting over it)', () => {
  it('counts only the answer to the probe ping: a late pong to an earlier ping is not a live link', async () => {
    const { session, agent, sessions } = await heldSession();

    // A heartbeat ping goes out; the link then dies, but that ping's pong was already on its way.
    const earlier = session.ping()!;
    await agent.waitFor((f) => f.type === FrameType.CONTROL && f.control.ping?.id === earlier);
    const probing = sessions.probe('c', 'n', 300);
    agent.send(encodeControl(0, { pong: { id: earlier } }));
    expect(await probing).toBe('dead');
    expect(session.state).toBe('closed');
    expect(sessions.entry('c', 'n')).toBeUndefined();
  });

  it('a held session that ends while it is probed (its heartbeat timed out) leaves the slot free: none', async () => {
    const { session, sessions, entry } = await heldSession();
    void session.closed.then(() => sessions.release(entry)); // as the tunnel endpoint does
    const probing = sessions.probe('c', 'n', 300);
    session.destroy();
    expect(await probing).toBe('none');
    expect(sessions.reserve('c', 'n')).toBeDefined();
  });

  it('a session that answers the probe is live and keeps its slot', async () => {
    const pair = createMemoryTransportPair();
    const session = new Session(pair.a, { role: 'server', limits: { pingIntervalMs: 60_000, deadPeerTimeoutMs: 180_000 } }).start();
    const client = new Session(pair.b, { role: 'client' }).start();
    await session.ready();
    const sessions = new AgentSessions();
    const entry = sessions.reserve('c', 'n')!;
    entry.session = session;
    entry.connectedAt = new Date();
    expect(await sessions.probe('c', 'n', 2000)).toBe('live');
    expect(sessions.entry('c', 'n')).toBe(entry);
    client.destroy();
    session.destroy();
  });
});
