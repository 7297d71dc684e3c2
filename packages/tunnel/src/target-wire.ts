import type { drover } from '@drover/protocol';
import { validateTarget, type Target } from './dial.ts';

/** Target → protobuf Target. */
export function toWireTarget(t: Target): drover.v1.Target.$Properties {
  if (t.kind === 'tcp') return { tcp: { host: t.host, port: t.port } };
  return t.kind === 'unix' ? { unix: { path: t.path } } : { service: { name: t.name } };
}

/** protobuf Target → Target, or an error message when it is missing or invalid. */
export function fromWireTarget(w: drover.v1.Target.$Properties | null | undefined): Target | string {
  let t: Target;
  if (w?.tcp) t = { kind: 'tcp', host: w.tcp.host ?? '', port: w.tcp.port ?? 0 };
  else if (w?.unix) t = { kind: 'unix', path: w.unix.path ?? '' };
  else if (w?.service) t = { kind: 'service', name: w.service.name ?? '' };
  else return 'Open carries no target this side knows';
  return validateTarget(t) ?? t;
}
