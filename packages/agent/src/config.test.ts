import { describe, expect, it } from 'vitest';
import { helpText, parseAgentConfig } from './config.ts';
import { isAgentError } from './errors.ts';

const SUM = 'a'.repeat(64);
const base = ['--server', 'https://drover.example:8443', '--token', 't0k', '--ca-checksum', SUM];

function fails(argv: string[], env: Record<string, string> = {}): string {
  try {
    parseAgentConfig(argv, env);
  } catch (err) {
    expect(isAgentError(err, 'DROVER_ERR_AGENT_CONFIG_INVALID')).toBe(true);
    return (err as Error).message;
  }
  throw new Error('expected a config error');
}

describe('parseAgentConfig', () => {
  it('reads the flags of the node command, with defaults', () => {
    const c = parseAgentConfig([...base, '--etcd', '--controlplane', '--worker', '--label', 'a=b', '--label', 'example.com/tier=web', '--taint', 'dedicated=db:NoSchedule', '--taint', 'gpu:NoExecute'], {});
    expect(c).toMatchObject({
      server: 'https://drover.example:8443', token: 't0k', caChecksum: SUM, insecure: false,
      roles: ['etcd', 'controlplane', 'worker'], labels: { a: 'b', 'example.com/tier': 'web' },
      taints: [{ key: 'dedicated', value: 'db', effect: 'NoSchedule' }, { key: 'gpu', effect: 'NoExecute' }],
      configDir: '/etc/drover', dockerHost: 'unix:///var/run/docker.sock', logLevel: 'info', allow: [],
    });
    expect(Object.isFrozen(c)).toBe(true);
    expect(Object.isFrozen(c.labels)).toBe(true);
  });

  it('takes every setting from DROVER_* variables, flags win', () => {
    const env = {
      DROVER_SERVER: 'https://env.example', DROVER_TOKEN: 'envtok', DROVER_CA_CHECKSUM: SUM.toUpperCase(), DROVER_WORKER: 'true',
      DROVER_NODE_NAME: 'host-1', DROVER_ADDRESS: '10.0.0.5', DROVER_INTERNAL_ADDRESS: '192.168.1.5', DROVER_LABEL: 'a=b, c=d',
      DROVER_TAINT: 'k=v:NoSchedule', DROVER_ALLOW: '127.0.0.1:9099', DROVER_CONFIG_DIR: '/tmp/d', DOCKER_HOST: 'unix:///run/other.sock',
      DROVER_LOG_LEVEL: 'debug',
    };
    const c = parseAgentConfig([], env);
    expect(c).toMatchObject({
      server: 'https://env.example', token: 'envtok', caChecksum: SUM, roles: ['worker'], nodeName: 'host-1', address: '10.0.0.5',
      internalAddress: '192.168.1.5', labels: { a: 'b', c: 'd' }, taints: [{ key: 'k', value: 'v', effect: 'NoSchedule' }],
      allow: [{ host: '127.0.0.1', port: 9099 }], configDir: '/tmp/d', dockerHost: 'unix:///run/other.sock', logLevel: 'debug',
    });
    const flags = parseAgentConfig(['--node-name', 'flag-name', '--label', 'x=y', '--docker-host', 'tcp://127.0.0.1:2375'], { ...env, DROVER_DOCKER_HOST: 'unix:///a.sock' });
    expect(flags.nodeName).toBe('flag-name');
    expect(flags.labels).toEqual({ x: 'y' });
    expect(flags.dockerHost).toBe('tcp://127.0.0.1:2375');
    expect(parseAgentConfig([], { ...env, DROVER_DOCKER_HOST: 'unix:///a.sock' }).dockerHost).toBe('unix:///a.sock');
  });

  it('--all-roles and DROVER_ALL_ROLES mean all three', () => {
    expect(parseAgentConfig([...base, '--all-roles'], {}).roles).toEqual(['etcd', 'controlplane', 'worker']);
    expect(parseAgentConfig(base, { DROVER_ALL_ROLES: '1' }).roles).toEqual(['etcd', 'controlplane', 'worker']);
  });

  it('honours HTTPS_PROXY / HTTP_PROXY / NO_PROXY, upper or lower case', () => {
    expect(parseAgentConfig([...base, '--worker'], { HTTPS_PROXY: 'http://proxy:3128', NO_PROXY: 'localhost' }).proxy).toEqual({ httpsProxy: 'http://proxy:3128', noProxy: 'localhost' });
    expect(parseAgentConfig([...base, '--worker'], { https_proxy: 'http://p:1', http_proxy: 'http://p:2', no_proxy: '.corp' }).proxy).toEqual({ httpsProxy: 'http://p:1', httpProxy: 'http://p:2', noProxy: '.corp' });
  });

  it('--insecure replaces the checksum; both together is an error', () => {
    const c = parseAgentConfig(['--server', 'https://x', '--token', 't', '--insecure', '--worker'], {});
    expect(c.insecure).toBe(true);
    expect(c.caChecksum).toBeUndefined();
    expect(fails([...base, '--insecure', '--worker'])).toMatch(/contradict/);
  });

  it('refuses bad input with a message naming the flag', () => {
    expect(fails(['--worker'])).toMatch(/--server \(DROVER_SERVER\) is required/);
    expect(fails(['--server', 'http://x', '--insecure', '--worker'])).toMatch(/must use https/);
    expect(fails(['--server', 'https://x/path', '--insecure', '--worker'])).toMatch(/no path/);
    expect(fails(['--server', 'https://x', '--worker'])).toMatch(/--ca-checksum .* is required; or pass --insecure/);
    expect(fails(['--server', 'https://x', '--ca-checksum', 'abc', '--worker'])).toMatch(/64 hex digits/);
    expect(fails(base)).toMatch(/no role/);
    expect(fails([...base, '--worker', '--label', 'novalue'])).toMatch(/label "novalue" is not k=v/);
    expect(fails([...base, '--worker', '--label', 'a=b c'])).toMatch(/not a valid Kubernetes label value/);
    expect(fails([...base, '--worker', '--taint', 'k=v:Sometimes'])).toMatch(/taint effect "Sometimes" must be one of/);
    expect(fails([...base, '--worker', '--taint', 'k=v'])).toMatch(/not k\[=v\]:Effect/);
    expect(fails([...base, '--worker', '--node-name', 'Bad_Name'])).toMatch(/--node-name/);
    expect(fails([...base, '--worker', '--address', 'not an address'])).toMatch(/--address/);
    expect(fails([...base, '--worker', '--allow', '127.0.0.1'])).toMatch(/--allow/);
    expect(fails([...base, '--worker', '--bogus'])).toMatch(/Unknown option '--bogus'.*see --help/);
    expect(fails([...base, '--worker', '--log-level', 'loud'])).toMatch(/logLevel/);
    expect(fails(base, { DROVER_WORKER: 'maybe' })).toMatch(/DROVER_WORKER="maybe" is not a boolean/);
  });

  it('--help lists every flag with its variable and the defaults', () => {
    const text = helpText('1.2.3');
    for (const f of ['--server', '--token', '--ca-checksum', '--etcd', '--controlplane', '--worker', '--all-roles', '--node-name', '--address', '--internal-address', '--label', '--taint', '--insecure', '--allow']) {
      expect(text).toContain(f);
    }
    expect(text).toContain('DROVER_CA_CHECKSUM');
    expect(text).toContain('/etc/drover');
    expect(text).toContain('unix:///var/run/docker.sock');
    expect(text).toContain('HTTPS_PROXY');
  });
});
