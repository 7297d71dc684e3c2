/* eslint-disable @typescript-eslint/no-unsafe-member-access, @typescript-eslint/no-unsafe-return -- response bodies are arbitrary JSON walked by assertions */
/**
 * The server's side of a node's command channel (node-channel.ts) against a hand-written agent
 * service on a real tunnel: the channel is reopened after it breaks, its first GetStatus and the
 * WatchStatus events reach the Node's status, and nothing is reopened once the session ends.
 */
import type { Duplex } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AGENT_CHANNEL_MAX_MESSAGE_BYTES, AGENT_CHANNEL_SERVICE, agentChannel } from '@drover/protocol';
import { MessageStream } from '@drover/tunnel';
import type { Session } from '@drover/tunnel';
import { api, clusterWithToken, connectAgent, register, startAgentTestServer } from './test-support.ts';
import type { AgentTestServer } from './test-support.ts';

const { AgentMessage, AgentRequest } = agentChannel;
let s: AgentTestServer;

beforeAll(async () => {
  s = await startAgentTestServer();
});
afterAll(async () => {
  await s?.close();
});

const container = (name: string) => ({ name, image: `registry.k8s.io/${name}:1`, state: 'running' });

describe('node command channel', () => {
  it('reopens a broken channel; status and watch events reach the Node; nothing reopens after the session', async () => {
    const token = await clusterWithToken(s, 'chan');
    const res = await register(s, token, 'n-ch', 'ENG-CH');
    expect(res.status, JSON.stringify(res.body)).toBeLessThan(300);

    // The agent breaks its first channel at once; the next answers GetStatus and keeps WatchStatus.
    let opened = 0;
    let watch: { messages: MessageStream; id: number } | undefined;
    const serve = (stream: Duplex): void => {
      opened += 1;
      if (opened === 1) {
        stream.destroy(new Error('the agent broke its first channel'));
        return;
      }
      const messages: MessageStream = new MessageStream(stream, { maxMessageBytes: AGENT_CHANNEL_MAX_MESSAGE_BYTES }, {
        onMessage: (bytes) => {
          const req = AgentRequest.decode(bytes);
          if (req.watchStatus != null) watch = { messages, id: req.id };
          if (req.getStatus != null || req.watchStatus != null) messages.send(AgentMessage.encode({ id: req.id, status: { containers: [container('etcd')] } }).finish());
        },
        onClose: () => undefined,
      });
    };
    const session: Session = await connectAgent(s, res.body.credential as string, 'ENG-CH', [], undefined, new Map([[AGENT_CHANNEL_SERVICE, serve]]));
    const containers = async () => ((await api(s, 'GET', '/namespaces/chan/nodes/n-ch')).body?.status?.containers as { name: string }[] | undefined)?.map((c) => c.name);
    try {
      await expect.poll(containers, { timeout: 8000 }).toEqual(['etcd']);
      expect(opened).toBe(2);
      await expect.poll(() => watch !== undefined).toBe(true);

      // A WatchStatus event: the Node follows it.
      watch!.messages.send(AgentMessage.encode({ id: watch!.id, status: { containers: [container('etcd'), container('kube-apiserver')] } }).finish());
      await expect.poll(containers, { timeout: 5000 }).toEqual(['etcd', 'kube-apiserver']);
      expect((await s.app.drover.agents.channel('chan', 'n-ch').getStatus()).containers?.map((c) => c.name)).toEqual(['etcd']);
    } finally {
      session.destroy();
    }
    // The channel ended with its session: it is not reopened (the first reopen came after 1 s).
    await expect.poll(async () => (await api(s, 'GET', '/namespaces/chan/nodes/n-ch')).body?.status?.state, { timeout: 5000 }).toBe('Disconnected');
    await new Promise((r) => setTimeout(r, 1500));
    expect(opened).toBe(2);
  });
});
