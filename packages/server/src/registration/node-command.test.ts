import { execFileSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { isDroverError } from '../errors.ts';
import { agentImageRef, registryPrefix, renderNodeCommands } from './node-command.ts';
import type { NodeCommandInput } from './node-command.ts';
import { resolveServerUrl } from './server-url.ts';
import { shellQuote } from './shell-quote.ts';

const SUM = 'a'.repeat(64);
const TOKEN = 'droverreg_c1_rt-abc_SeCrEt-_0123456789abcdef';
const base: NodeCommandInput = { serverUrl: 'https://drover.example:8443', token: TOKEN, caChecksum: SUM, agentImage: 'drover/agent:0.1.0' };
const PREFIX =
  'docker run -d --privileged --restart=unless-stopped --net=host --label drover.dev/agent=true ' +
  '-v /etc/drover:/etc/drover -v /etc/kubernetes:/etc/kubernetes -v /var/run:/var/run';

/** Splits a command line the way /bin/sh would (the real shell, not a re-implementation). */
function shWords(line: string): string[] {
  const out = execFileSync('/bin/sh', ['-c', `for a in ${line.replace(/^docker run/, '')}; do printf '%s\\0' "$a"; done`]);
  return out.toString().split('\0').slice(0, -1);
}

describe('renderNodeCommands', () => {
  it('renders the exact default command and the insecure variant', () => {
    const { nodeCommand, insecureNodeCommand } = renderNodeCommands(base);
    expect(nodeCommand).toBe(
      `${PREFIX} drover/agent:0.1.0 --server https://drover.example:8443 --token ${TOKEN} --ca-checksum ${SUM} --etcd --controlplane --worker`,
    );
    expect(insecureNodeCommand).toBe(
      `${PREFIX} drover/agent:0.1.0 --server https://drover.example:8443 --token ${TOKEN} --insecure --etcd --controlplane --worker`,
    );
    expect(insecureNodeCommand).not.toContain('--ca-checksum');
  });

  it('emits only the requested roles, in canonical order, once each', () => {
    expect(renderNodeCommands({ ...base, roles: ['worker'] }).nodeCommand).toMatch(/--ca-checksum a{64} --worker$/);
    expect(renderNodeCommands({ ...base, roles: ['worker', 'etcd', 'worker'] }).nodeCommand).toMatch(/ --etcd --worker$/);
    expect(renderNodeCommands({ ...base, roles: [] }).nodeCommand).toMatch(/ --etcd --controlplane --worker$/);
    expect(() => renderNodeCommands({ ...base, roles: ['master'] })).toThrow(/role "master"/);
  });

  it('adds labels, taints, address, internal address and node name', () => {
    const { nodeCommand } = renderNodeCommands({
      ...base,
      roles: ['worker'],
      labels: { 'topology.kubernetes.io/zone': 'eu-1', tier: 'edge' },
      taints: ['dedicated=gpu:NoSchedule', 'spot:PreferNoSchedule', { key: 'x', value: 'y', effect: 'NoExecute' }],
      address: '203.0.113.7',
      internalAddress: '10.0.0.7',
      nodeName: 'node-1',
    });
    expect(nodeCommand.endsWith(
      '--worker --label topology.kubernetes.io/zone=eu-1 --label tier=edge --taint dedicated=gpu:NoSchedule ' +
        '--taint spot:PreferNoSchedule --taint x=y:NoExecute --address 203.0.113.7 --internal-address 10.0.0.7 --node-name node-1',
    )).toBe(true);
  });

  it('rejects invalid labels, taints, addresses and node names', () => {
    const bad: Partial<NodeCommandInput>[] = [
      { labels: { 'bad key': 'v' } },
      { labels: { k: 'v; rm -rf /' } },
      { labels: { 'UPPER.example/k': 'v' } },
      { taints: ['k=v:Sometimes'] },
      { taints: ['no-effect'] },
      { address: 'a b' },
      { address: '$(reboot)' },
      { nodeName: 'Node_1' },
    ];
    for (const b of bad) {
      let caught: unknown;
      try {
        renderNodeCommands({ ...base, ...b });
      } catch (err) {
        caught = err;
      }
      expect(isDroverError(caught, 'DROVER_ERR_API_INVALID'), JSON.stringify(b)).toBe(true);
    }
  });

  it('puts proxy env before the image and prefixes the default private registry', () => {
    const { nodeCommand } = renderNodeCommands({
      ...base,
      proxy: { httpsProxy: 'http://proxy.corp:3128', noProxy: '10.0.0.0/8,.corp,localhost' },
      privateRegistries: [{ url: 'other.example' }, { url: 'https://registry.corp:5000/', default: true }],
    });
    expect(nodeCommand).toContain(
      `${PREFIX} -e HTTPS_PROXY=http://proxy.corp:3128 -e NO_PROXY=10.0.0.0/8,.corp,localhost registry.corp:5000/drover/agent:0.1.0 --server`,
    );
    expect(renderNodeCommands({ ...base, proxy: { noProxy: 'a' } }).nodeCommand).toContain('-e NO_PROXY=a drover/agent');
  });

  it('uses no registry prefix unless one is marked default', () => {
    expect(agentImageRef('drover/agent:1', [{ url: 'r.example' }])).toBe('drover/agent:1');
    expect(agentImageRef('drover/agent:1', undefined)).toBe('drover/agent:1');
    expect(agentImageRef('drover/agent:1', [{ url: 'r.example/mirror', default: true }])).toBe('r.example/mirror/drover/agent:1');
    expect(registryPrefix('http://r:5000//')).toBe('r:5000');
    expect(() => registryPrefix('r.example; reboot')).toThrow();
  });

  it('quotes values so that the shell sees exactly the intended words', () => {
    const proxy = { httpsProxy: "http://u:p a'ss@proxy:3128", noProxy: '*.corp, $HOME' };
    const { nodeCommand } = renderNodeCommands({ ...base, proxy });
    const words = shWords(nodeCommand);
    expect(words).toContain(`HTTPS_PROXY=${proxy.httpsProxy}`);
    expect(words).toContain(`NO_PROXY=${proxy.noProxy}`);
    expect(shellQuote("it's")).toBe(`'it'\\''s'`);
    expect(shellQuote('')).toBe("''");
  });

  it('refuses a checksum or server URL of the wrong shape', () => {
    expect(() => renderNodeCommands({ ...base, caChecksum: 'abc' })).toThrow(/checksum/);
    expect(() => renderNodeCommands({ ...base, serverUrl: 'http://x' })).toThrow(/https/);
  });
});

describe('resolveServerUrl', () => {
  it('prefers the external URL', () => {
    expect(resolveServerUrl({ externalUrl: 'https://d.example/', listen: '0.0.0.0:8443' })).toBe('https://d.example');
  });
  it('uses a concrete listen address and the bound port', () => {
    expect(resolveServerUrl({ listen: '127.0.0.1:0', port: 40123 })).toBe('https://127.0.0.1:40123');
    expect(resolveServerUrl({ listen: '[::1]:8443' })).toBe('https://[::1]:8443');
    expect(resolveServerUrl({ listen: 'drover.lan:443' })).toBe('https://drover.lan');
  });
  it('fails with a message naming DROVER_EXTERNAL_URL when listening on every address', () => {
    for (const listen of ['0.0.0.0:8443', ':8443', '[::]:8443']) {
      let caught: unknown;
      try {
        resolveServerUrl({ listen });
      } catch (err) {
        caught = err;
      }
      expect(isDroverError(caught, 'DROVER_ERR_REGISTRATION_NO_EXTERNAL_URL')).toBe(true);
      expect((caught as Error).message).toContain('DROVER_EXTERNAL_URL');
    }
  });
});
