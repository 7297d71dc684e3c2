/**
 * What the server may dial through this agent (style §8: the agent decides). By default only
 * the local Kubernetes and etcd ports on 127.0.0.1/localhost; `--allow host:port` adds more.
 * Unix sockets are never allowed, so the Docker socket is out of reach whatever the flags.
 * Named services (Target.service) are allowed exactly when the agent serves them.
 */
import { allowTargets, formatTarget, type AllowRule, type DialPolicy, type Target } from '@drover/tunnel';
import { DEFAULT_ALLOWED_HOSTS, DEFAULT_ALLOWED_PORTS } from './config-schema.ts';

export interface PolicyLogger {
  warn(obj: object, msg: string): void;
}

/** The allow rules: defaults plus extras (TCP), and the services the agent serves. */
export function allowRules(extra: readonly { host: string; port: number }[], services: readonly string[] = []): AllowRule[] {
  return [
    ...DEFAULT_ALLOWED_HOSTS.map((host): AllowRule => ({ kind: 'tcp', host, ports: DEFAULT_ALLOWED_PORTS })),
    ...extra.map((a): AllowRule => ({ kind: 'tcp', host: a.host, ports: [a.port] })),
    ...services.map((name): AllowRule => ({ kind: 'service', name })),
  ];
}

/** The agent's dial policy (`services`: the names it serves); every refusal is logged with the target. */
export function agentDialPolicy(extra: readonly { host: string; port: number }[], log?: PolicyLogger, services: readonly string[] = []): DialPolicy {
  const allowed = allowTargets(allowRules(extra, services));
  return (target: Target) => {
    const ok = target.kind !== 'unix' && allowed(target) === true;
    if (!ok) log?.warn({ target: formatTarget(target) }, 'refused a dial outside the agent\'s dial policy');
    return ok;
  };
}
