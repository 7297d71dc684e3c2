/**
 * A server holds every session's terms for the session's life: equal limits and equal Hello
 * lists are one shared frozen object, not a copy per session (issue 15).
 */
import { describe, expect, it } from 'vitest';
import { TUNNEL_PROTOCOL_VERSION } from '@drover/protocol';
import { negotiate } from './handshake.ts';
import { resolveLimits } from './limits.ts';

const hello = (capabilities: string[], implementation: string) => ({ version: TUNNEL_PROTOCOL_VERSION, minVersion: 1, capabilities, implementation });

describe('terms shared between sessions', () => {
  it('equal limit overrides resolve to one frozen object; different ones do not; nonsense still throws', () => {
    const a = resolveLimits({ pingIntervalMs: 15_000, deadPeerTimeoutMs: 45_000 });
    expect(resolveLimits({ pingIntervalMs: 15_000, deadPeerTimeoutMs: 45_000 })).toBe(a);
    expect(resolveLimits({ pingIntervalMs: 16_000, deadPeerTimeoutMs: 45_000 })).not.toBe(a);
    expect(resolveLimits({ pingIntervalMs: 16_000, deadPeerTimeoutMs: 45_000 }).pingIntervalMs).toBe(16_000);
    expect(Object.isFrozen(a)).toBe(true);
    expect(resolveLimits()).toBe(resolveLimits({}));
    for (let i = 0; i < 2; i++) expect(() => resolveLimits({ pingIntervalMs: 50_000, deadPeerTimeoutMs: 45_000 })).toThrow(RangeError);
  });

  it('peers announcing the same capabilities and implementation share one frozen copy of each', () => {
    const limits = resolveLimits();
    const terms = (caps: string[], impl: string) => {
      const peer = negotiate(hello(caps, impl), limits, 'server');
      if ('refusal' in peer) throw new Error(peer.refusal);
      return peer;
    };
    const caps = ['sync-streams', 'goaway', 'services'];
    const first = terms([...caps], 'drover-tunnel/9.9.9');
    const second = terms([...caps], ['drover-tunnel/', '9.9.9'].join(''));
    expect(second.capabilities).toBe(first.capabilities);
    expect(first.capabilities).toEqual(caps);
    expect(Object.isFrozen(first.capabilities)).toBe(true);
    expect(second.implementation).toBe('drover-tunnel/9.9.9');
    expect(terms(['goaway'], 'x').capabilities).toEqual(['goaway']);
    expect(terms([], '').capabilities).toEqual([]);
  });
});
