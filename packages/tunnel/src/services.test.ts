/**
 * Named in-process services (Target.service): served by a handler instead of a dial, allowed by
 * the dial policy like any target, and only opened towards a peer that announced "services".
 */
import type { Duplex } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { allowTargets, serviceTarget, tcpTarget, type ServiceHandler } from './dial.ts';
import { TunnelErrorCodes } from './errors.ts';
import { encodeControl, FrameType, HEADER_BYTES } from './frame.ts';
import { Session } from './session.ts';
import { createMemoryTransportPair } from './transport.ts';
import { echoDialer, memorySessions, readAll } from './test-support/helpers.ts';
import { Code, rawPeer } from './test-support/raw-peer.ts';

const echo: ServiceHandler = (stream: Duplex) => stream.pipe(stream);

describe('service targets', () => {
  it('hands an allowed, served service stream to its handler; bytes flow both ways with half-close', async () => {
    const { client, server } = await memorySessions({
      dialPolicy: allowTargets([{ kind: 'service', name: 'echo.v1' }]),
      services: new Map([['echo.v1', echo]]),
    });
    const stream = await server.openStream(serviceTarget('echo.v1'));
    const payload = Buffer.alloc(200_000, 3);
    stream.end(payload);
    expect((await readAll(stream)).equals(payload)).toBe(true);
    await client.close();
  });

  it('refuses a service the policy does not allow, fails one it allows but does not serve; the session goes on', async () => {
    const { client, server } = await memorySessions({
      dialPolicy: allowTargets([{ kind: 'service', name: 'echo.v1' }, { kind: 'service', name: 'ghost' }, { kind: 'tcp', host: 'h', ports: [1] }]),
      dialer: echoDialer,
      services: new Map([['echo.v1', echo], ['hidden', echo]]),
    });
    await expect(server.openStream(serviceTarget('hidden'))).rejects.toMatchObject({ code: TunnelErrorCodes.DIAL_REFUSED });
    const ghost = await server.openStream(serviceTarget('ghost')).catch((err: unknown) => err as Error & { code?: string });
    expect(ghost).toMatchObject({ code: TunnelErrorCodes.DIAL_FAILED });
    expect((ghost as Error).message).toContain('nothing serves service:ghost');
    // A service rule never allows a host of that name.
    await expect(server.openStream(tcpTarget('echo.v1', 1))).rejects.toMatchObject({ code: TunnelErrorCodes.DIAL_REFUSED });
    const tcp = await server.openStream(tcpTarget('h', 1));
    tcp.end('t');
    expect((await readAll(tcp)).toString()).toBe('t');
    const ok = await server.openStream(serviceTarget('echo.v1'));
    ok.end('x');
    expect((await readAll(ok)).toString()).toBe('x');
    expect(server.state).toBe('open');
    await client.close();
  });

  it('rejects an invalid service name locally before anything is sent', async () => {
    const { client, server } = await memorySessions({ dialPolicy: () => true, services: new Map([['a', echo]]) });
    // The receiver validates too; the opener sends the Open and gets CODE_PROTOCOL back.
    await expect(server.openStream(serviceTarget('Not_Valid'))).rejects.toMatchObject({ code: TunnelErrorCodes.PROTOCOL });
    expect(server.state).toBe('open');
    client.destroy();
  });

  it('does not open a service towards a peer without the "services" capability, and the session survives', async () => {
    const pair = createMemoryTransportPair();
    const session = new Session(pair.a, { role: 'server' }).start();
    const peer = rawPeer(pair.b);
    peer.hello(); // announces sync-streams and goaway only, as a peer from before services
    await session.ready();
    const before = peer.frames.length;
    await expect(session.openStream(serviceTarget('drover.agent.v1'))).rejects.toMatchObject({ code: TunnelErrorCodes.SERVICE_UNSUPPORTED });
    await new Promise((r) => setImmediate(r));
    expect(peer.frames.slice(before).filter((f) => f.type === FrameType.CONTROL && f.control.open)).toEqual([]);
    expect(session.state).toBe('open');
    session.destroy();
  });

  it('answers an Open whose target kind it does not know (what a peer from before services sees) with OpenError(CODE_PROTOCOL); the session goes on', async () => {
    const pair = createMemoryTransportPair();
    const session = new Session(pair.a, { role: 'server', dialPolicy: () => true, dialer: echoDialer }).start();
    const peer = rawPeer(pair.b);
    peer.hello();
    await session.ready();
    // Control{ open: { target: { <field 7, unknown here>: { name: "x" } }, initialWindow: 65536 } }, hand-encoded.
    const target = [0x3a, 0x03, 0x0a, 0x01, 0x78];
    const open = [0x0a, target.length, ...target, 0x10, 0x80, 0x80, 0x04];
    const control = Buffer.from([0x1a, open.length, ...open]);
    const header = Buffer.alloc(HEADER_BYTES);
    header[0] = FrameType.CONTROL;
    header.writeUInt32BE(1, 1);
    peer.send(Buffer.concat([header, control]));
    const answer = await peer.waitFor((f) => f.type === FrameType.CONTROL && f.id === 1 && f.control.openError != null);
    expect(answer.type === FrameType.CONTROL && answer.control.openError?.code).toBe(Code.CODE_PROTOCOL);
    // Still open: a known target on the next id works.
    peer.send(encodeControl(3, { open: { target: { tcp: { host: 'h', port: 1 } }, initialWindow: 65536 } }));
    await peer.waitFor((f) => f.type === FrameType.CONTROL && f.id === 3 && f.control.openOk != null);
    expect(session.state).toBe('open');
    session.destroy();
  });
});
