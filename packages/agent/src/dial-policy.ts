/**
 * What the server may dial through this agent (style §8: the agent decides). By default only
 * the local Kubernetes and etcd ports on 127.0.0.1/localhost; `--allow host:port` adds more.
 * Unix sockets are never allowed, so the Docker socket is out of reach whatever the flags.
 */
import { allowTargets, formatTarget, type AllowRule, type DialPolicy, type Target } from '@drover/tunnel';
import { DEFAULT_ALLOWED_HOSTS, DEFAULT_ALLOWED_PORTS } from './config-schema.ts';

export interface PolicyLogger {
  warn(obj: object, msg: string): void;
}

/** The allow rules: defaults plus extras, TCP only. */
export function allowRules(extra: readonly { host: string; port: number }[]): AllowRule[] {
  return [
    ...DEFAULT_ALLOWED_HOSTS.map((host): AllowRule => ({ kind: 'tcp', host, ports: DEFAULT_ALLOWED_PORTS })),
    ...extra.map((a): AllowRule => ({ kind: 'tcp', host: a.host, ports: [a.port] })),
  ];
}

/** The agent's dial policy; every refusal is logged with the target. */
export function agentDialPolicy(extra: readonly { host: string; port: number }[], log?: PolicyLogger): DialPolicy {
  const allowed = allowTargets(allowRules(extra));
  return (target: Target) => {
    const ok = target.kind === 'tcp' && allowed(target) === true;
    if (!ok) log?.warn({ target: formatTarget(target) }, 'refused a dial outside the agent\'s dial policy');
    return ok;
  };
}
