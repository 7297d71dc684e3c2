/**
 * The command channel end to end in memory: the server's AgentChannel and the agent's service
 * host (with HostStatus on a fake engine) over two real tunnel Sessions on an in-memory
 * transport. Ids, failures, cancellation, the channel's end and a reconnect.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { AGENT_CHANNEL_SERVICE, agentChannel } from '@drover/protocol';
import { AgentChannel, AgentCommandError } from '@drover/server';
import { allowTargets, createMemoryTransportPair, serviceTarget, Session } from '@drover/tunnel';
import { HostStatus } from './host-status.ts';
import { CommandFailure, createServiceHost, type RequestHandlers } from './service-host.ts';
import { ENGINE_ID, fakeDocker, memoryLogger } from './test-support/fakes.ts';

const { FailureCode } = agentChannel;
const open: Session[] = [];

/** An agent (client) and server Session pair; the agent serves `handlers` as the command channel. */
async function connect(handlers: RequestHandlers, maxRunning?: number): Promise<{ agent: Session; server: Session; channel: AgentChannel }> {
  const pair = createMemoryTransportPair();
  const serve = createServiceHost(handlers, { log: memoryLogger().log, ...(maxRunning === undefined ? {} : { maxRunning }) });
  const agent = new Session(pair.a, { role: 'client', dialPolicy: allowTargets([{ kind: 'service', name: AGENT_CHANNEL_SERVICE }]), services: new Map([[AGENT_CHANNEL_SERVICE, serve]]) }).start();
  const server = new Session(pair.b, { role: 'server' }).start();
  open.push(agent, server);
  await Promise.all([agent.ready(), server.ready()]);
  const channel = new AgentChannel(await server.openStream(serviceTarget(AGENT_CHANNEL_SERVICE)), { requestTimeoutMs: 2000 });
  return { agent, server, channel };
}

const managed = (name: string, state = 'running') => ({ Id: `id-${name}`, Names: [`/${name}`], Image: 'busybox:1', State: state, Created: 1, Labels: { 'drover.dev/managed': 'true' } });

afterEach(() => {
  for (const s of open.splice(0)) s.destroy();
});

describe('agent command channel', () => {
  it('GetStatus answers with the Docker facts and only the managed containers', async () => {
    const docker = fakeDocker({ containers: [managed('b-etcd'), managed('a-kubelet', 'exited'), { Id: 'x', Names: ['/other'], Created: 1, Labels: {} }] });
    const { channel } = await connect(new HostStatus({ docker, version: '9.9.9', pollMs: 50, log: memoryLogger().log }).handlers());
    const status = await channel.getStatus();
    expect(status.agentVersion).toBe('9.9.9');
    expect(status.docker).toMatchObject({ engineId: ENGINE_ID, version: '28.2.2', cpus: 2, memoryBytes: 25_000_000_000 });
    expect(status.containers?.map((c) => [c.name, c.image, c.state])).toEqual([['a-kubelet', 'busybox:1', 'exited'], ['b-etcd', 'busybox:1', 'running']]);
  });

  it('matches answers to requests by id, whatever order they come back in', async () => {
    const seen: number[] = [];
    const { channel } = await connect({
      getStatus: async (_r, ctx) => {
        seen.push(ctx.id);
        await new Promise((r) => setTimeout(r, 60 - ctx.id * 15)); // later ids answer first
        return { status: { agentVersion: `answer-${ctx.id}` } };
      },
    });
    const answers = await Promise.all([1, 2, 3].map(() => channel.getStatus()));
    expect(answers.map((a) => a.agentVersion)).toEqual(['answer-1', 'answer-2', 'answer-3']);
    expect(seen).toEqual([1, 2, 3]);
    expect(channel.pending).toBe(0);
  });

  it('turns an agent Failure into COMMAND_FAILED with its code; unsupported requests, Docker down, handler bugs', async () => {
    const docker = fakeDocker();
    docker.info = () => Promise.reject(new Error('connect ENOENT /var/run/docker.sock'));
    const host = new HostStatus({ docker, version: '1', pollMs: 50, log: memoryLogger().log });
    const { channel, server } = await connect({ getStatus: host.handlers().getStatus! });
    const docker1 = await channel.getStatus().catch((e: unknown) => e);
    expect(docker1).toBeInstanceOf(AgentCommandError);
    expect(docker1).toMatchObject({ code: 'DROVER_ERR_NODE_COMMAND_FAILED', agentCode: 'FAILURE_DOCKER' });
    expect((docker1 as Error).message).toContain('ENOENT');
    await expect(channel.request({ watchStatus: {} })).rejects.toMatchObject({ agentCode: 'FAILURE_UNSUPPORTED' });
    // The channel and the session go on after failures.
    docker.info = fakeDocker().info;
    expect((await channel.getStatus()).docker?.version).toBe('28.2.2');
    expect(server.state).toBe('open');

    const bug = await connect({ getStatus: () => Promise.reject(new TypeError('x is undefined')), watchStatus: () => Promise.reject(new CommandFailure(FailureCode.FAILURE_INVALID, 'bad plan')) });
    await expect(bug.channel.getStatus()).rejects.toMatchObject({ agentCode: 'FAILURE_INTERNAL' });
    await expect(bug.channel.request({ watchStatus: {} })).rejects.toMatchObject({ agentCode: 'FAILURE_INVALID' });
  });

  it('cancels: an abort or a timeout fails the request at once and aborts the agent\'s handler', async () => {
    const signals: AbortSignal[] = [];
    const { channel } = await connect({
      getStatus: (_r, ctx) => {
        signals.push(ctx.signal);
        return new Promise((_resolve, reject) => ctx.signal.addEventListener('abort', () => reject(new Error('stopped'))));
      },
    });
    const ac = new AbortController();
    const p = channel.getStatus({ signal: ac.signal });
    await expect.poll(() => signals.length).toBe(1);
    ac.abort();
    await expect(p).rejects.toMatchObject({ code: 'DROVER_ERR_NODE_COMMAND_CANCELLED' });
    await expect.poll(() => signals[0]?.aborted).toBe(true);
    const started = Date.now();
    await expect(channel.getStatus({ timeoutMs: 100 })).rejects.toMatchObject({ code: 'DROVER_ERR_NODE_COMMAND_TIMEOUT' });
    expect(Date.now() - started).toBeLessThan(1000);
    await expect.poll(() => signals[1]?.aborted).toBe(true);
    expect(channel.pending).toBe(0);
    await expect(channel.getStatus({ signal: AbortSignal.abort() })).rejects.toMatchObject({ code: 'DROVER_ERR_NODE_COMMAND_CANCELLED' });
  });

  it('WatchStatus reports at once, then only changes; aborting ends it cleanly', async () => {
    const docker = fakeDocker({ containers: [managed('etcd')] });
    const host = new HostStatus({ docker, version: '1', pollMs: 20, log: memoryLogger().log });
    const { channel } = await connect(host.handlers());
    const seen: string[][] = [];
    const ac = new AbortController();
    const watching = channel.watchStatus((s) => seen.push((s.containers ?? []).map((c) => `${c.name}:${c.state}`)), { signal: ac.signal });
    await expect.poll(() => seen).toEqual([['etcd:running']]);
    await new Promise((r) => setTimeout(r, 150)); // several polls, nothing changed
    expect(seen).toHaveLength(1);
    docker.containers.push(managed('kubelet', 'created'));
    await expect.poll(() => seen.at(-1)).toEqual(['etcd:running', 'kubelet:created']);
    docker.containers[1]!.State = 'running';
    await expect.poll(() => seen.at(-1)).toEqual(['etcd:running', 'kubelet:running']);
    expect(seen).toHaveLength(3);
    ac.abort();
    await expect(watching).resolves.toBeUndefined();
    expect(channel.pending).toBe(0);
  });

  it('watch() reports to a watcher held by the channel, and ends it once, with CHANNEL_CLOSED, when the session ends', async () => {
    const docker = fakeDocker({ containers: [managed('etcd')] });
    const { agent, channel } = await connect(new HostStatus({ docker, version: '1', pollMs: 20, log: memoryLogger().log }).handlers());
    const seen: string[][] = [];
    const ends: unknown[] = [];
    channel.watch({ onStatus: (s) => seen.push((s.containers ?? []).map((c) => `${c.name}:${c.state}`)), onWatchEnd: (err) => ends.push(err) });
    await expect.poll(() => seen).toEqual([['etcd:running']]);
    // A second watch (held apart from the first) and a request alongside get their own answers.
    const seen2: string[][] = [];
    channel.watch({ onStatus: (s) => seen2.push((s.containers ?? []).map((c) => c.name ?? '')), onWatchEnd: (err) => ends.push(err) });
    expect((await channel.getStatus()).containers?.map((c) => c.name)).toEqual(['etcd']);
    await expect.poll(() => seen2).toEqual([['etcd']]);
    docker.containers.push(managed('kubelet', 'created'));
    await expect.poll(() => seen.at(-1)).toEqual(['etcd:running', 'kubelet:created']);
    await expect.poll(() => seen2.at(-1)).toEqual(['etcd', 'kubelet']);
    expect([seen.length, seen2.length]).toEqual([2, 2]);
    expect(channel.pending).toBe(2);
    agent.destroy();
    await expect.poll(() => ends).toHaveLength(2);
    expect(ends).toMatchObject([{ code: 'DROVER_ERR_NODE_CHANNEL_CLOSED' }, { code: 'DROVER_ERR_NODE_CHANNEL_CLOSED' }]);
    expect(channel.pending).toBe(0);
    expect(() => channel.watch({ onStatus: () => undefined, onWatchEnd: () => undefined })).toThrow(expect.objectContaining({ code: 'DROVER_ERR_NODE_CHANNEL_CLOSED' }));
  });

  it('watch() ends with the agent\'s Failure, and counts toward the channel\'s bound', async () => {
    const { channel } = await connect({ watchStatus: () => Promise.reject(new CommandFailure(FailureCode.FAILURE_DOCKER, 'docker is down')) });
    const ends: unknown[] = [];
    channel.watch({ onStatus: () => undefined, onWatchEnd: (err) => ends.push(err) });
    await expect.poll(() => ends).toHaveLength(1);
    expect(ends[0]).toMatchObject({ code: 'DROVER_ERR_NODE_COMMAND_FAILED', agentCode: 'FAILURE_DOCKER' });
    expect(channel.pending).toBe(0);
    const held = await connect({ watchStatus: () => new Promise(() => undefined) });
    const busy = new AgentChannel(await held.server.openStream(serviceTarget(AGENT_CHANNEL_SERVICE)), { maxPending: 1 });
    busy.watch({ onStatus: () => undefined, onWatchEnd: () => undefined });
    expect(() => busy.watch({ onStatus: () => undefined, onWatchEnd: () => undefined })).toThrow(expect.objectContaining({ code: 'DROVER_ERR_NODE_CHANNEL_BUSY' }));
  });

  it('fails pending requests with CHANNEL_CLOSED when the session ends; after a reconnect a new channel answers', async () => {
    const docker = fakeDocker({ containers: [managed('etcd')] });
    const handlers = new HostStatus({ docker, version: '1', pollMs: 20, log: memoryLogger().log }).handlers();
    const slow: RequestHandlers = { ...handlers, getStatus: (_r, ctx) => new Promise((_res, rej) => ctx.signal.addEventListener('abort', () => rej(new Error('gone')))) };
    const first = await connect(slow);
    const pending = first.channel.getStatus();
    const watch = first.channel.watchStatus(() => undefined);
    first.agent.destroy();
    await expect(pending).rejects.toMatchObject({ code: 'DROVER_ERR_NODE_CHANNEL_CLOSED' });
    await expect(watch).rejects.toMatchObject({ code: 'DROVER_ERR_NODE_CHANNEL_CLOSED' });
    expect(first.channel.isClosed).toBe(true);
    await expect(first.channel.getStatus()).rejects.toMatchObject({ code: 'DROVER_ERR_NODE_CHANNEL_CLOSED' });

    docker.containers.push(managed('kubelet'));
    const second = await connect(handlers);
    expect((await second.channel.getStatus()).containers?.map((c) => c.name)).toEqual(['etcd', 'kubelet']);
  });

  it('breaks only the channel on a malformed message, and bounds requests per channel on both sides', async () => {
    const { channel, server } = await connect({ getStatus: (_r, ctx) => new Promise((_res, rej) => ctx.signal.addEventListener('abort', () => rej(new Error('x')))) }, 2);
    const held = [channel.getStatus(), channel.getStatus()];
    for (const p of held) p.catch(() => undefined);
    await expect(channel.getStatus()).rejects.toMatchObject({ agentCode: 'FAILURE_BUSY' });
    const busy = new AgentChannel(await server.openStream(serviceTarget(AGENT_CHANNEL_SERVICE)), { maxPending: 1 });
    void busy.getStatus().catch(() => undefined);
    await expect(busy.getStatus()).rejects.toMatchObject({ code: 'DROVER_ERR_NODE_CHANNEL_BUSY' });
    // Request id 0 is reserved: the agent resets the channel, pending requests fail, the session stays.
    const raw = await server.openStream(serviceTarget(AGENT_CHANNEL_SERVICE));
    const broken = new AgentChannel(raw);
    const pending = broken.request({ getStatus: {} });
    raw.write(Buffer.from([0x02, 0x08, 0x00])); // AgentRequest{ id: 0 }
    await expect(pending).rejects.toMatchObject({ code: 'DROVER_ERR_NODE_CHANNEL_CLOSED' });
    expect(server.state).toBe('open');
    // The first channel still answers (still busy: its two requests are running).
    await expect(channel.getStatus()).rejects.toMatchObject({ agentCode: 'FAILURE_BUSY' });
  });
});
