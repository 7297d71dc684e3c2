import { describe, expect, it } from 'vitest';
import { Liveness } from './liveness.ts';

describe('Liveness', () => {
  it('two idle peers take turns pinging: a third fewer pings than both pinging every interval, and neither goes silent past an interval, a tick and a round trip', () => {
    let clock = 0;
    const now = () => clock;
    const interval = 10_000;
    const dead = 30_000;
    const a = new Liveness(interval, dead, now);
    const b = new Liveness(interval, dead, now);
    const tick = a.tickMs; // 7,500 ms
    const rtt = 50;
    let pings = 0;
    let maxSilence = 0;
    const lastHeard = { a: 0, b: 0 };
    // a ticks at 0, 7.5 s, …; b out of phase by 3.1 s. A ping is heard after rtt/2, its pong after rtt.
    const events: { at: number; what: () => void }[] = [];
    for (let t = 11_000; t <= 600_000; t += 100) {
      clock = t;
      for (const e of events.filter((x) => x.at <= t)) e.what();
      events.splice(0, events.length, ...events.filter((x) => x.at > t));
      for (const [me, peer, name, phase] of [[a, b, 'a', 0], [b, a, 'b', 3100]] as const) {
        if ((t - phase) % tick !== 0) continue;
        const r = me.tick();
        expect(typeof r === 'object').toBe(false); // never declared dead
        if (r !== 'ping') continue;
        pings++;
        me.sendPing();
        events.push({ at: t + rtt / 2, what: () => (peer.heard(), (lastHeard[name === 'a' ? 'b' : 'a'] = t + rtt / 2)) });
        events.push({ at: t + rtt, what: () => (me.heard(), (lastHeard[name] = t + rtt)) });
      }
      maxSilence = Math.max(maxSilence, t - lastHeard.a, t - lastHeard.b);
    }
    // Both pinging every interval (on 7.5 s ticks: every 15 s) were 2 × 39 = 78 pings in 589 s;
    // taking turns, 53 (a turn waits for the next tick after the interval).
    expect(pings).toBeLessThanOrEqual(60);
    expect(pings).toBeGreaterThanOrEqual(25);
    expect(maxSilence).toBeLessThan(interval + tick + rtt + 100);
  });

  it('the first ping goes out at once, whatever the peer sent', () => {
    const l = new Liveness(10_000, 30_000, () => 20_000);
    l.heard();
    expect(l.tick()).toBe('ping');
  });

  it('times each of the last eight pings once; an older, repeated or made-up id is unknown', () => {
    let clock = 0;
    const l = new Liveness(10_000, 30_000, () => clock);
    const ids: number[] = [];
    for (let i = 0; i < 10; i++) {
      clock = i * 100;
      ids.push(l.sendPing());
    }
    clock = 2000;
    expect(l.pong(ids[9]!)).toBe(1100);
    expect(l.pong(ids[9]!)).toBeUndefined(); // answered already
    expect(l.pong(ids[2]!)).toBe(1800); // the oldest still kept
    expect(l.pong(ids[1]!)).toBeUndefined(); // pushed out by the ninth
    expect(l.pong(ids[9]! + 1)).toBeUndefined(); // never sent
    expect(l.pong(0)).toBeUndefined();
    expect(l.pong(0xffffffff)).toBeUndefined();
  });

  it('a follower (a client whose server leads the heartbeat) never pings while the leader does, and pings once it misses its turn', () => {
    let clock = 0;
    const now = () => clock;
    const leader = new Liveness(15_000, 45_000, now);
    const follower = new Liveness(10_000, 30_000, now);
    follower.retune(15_000, 45_000, true);
    const tick = leader.tickMs; // 11,250 ms
    let leaderPings = 0;
    let followerPings = 0;
    let lastHeard = 0;
    // The leader ticks at 0, 11.25 s, …; the follower out of phase by 4.1 s; a ping and its pong cross in 20 ms.
    for (let t = 100; t <= 600_000; t += 100) {
      clock = t;
      if (t % tick === 0 && leader.tick() === 'ping') {
        leaderPings++;
        leader.sendPing();
        follower.heard();
        leader.heard();
        lastHeard = t;
      }
      if ((t - 4100) % tick === 0) {
        const r = follower.tick();
        expect(typeof r === 'object').toBe(false);
        if (r === 'ping') followerPings++;
      }
    }
    expect(followerPings).toBe(0);
    expect(leaderPings).toBeGreaterThan(20);
    // The leader goes quiet: the follower pings after an interval and a tick of silence, not
    // before, and well before its dead-peer timeout.
    let silenceAtPing: number | undefined;
    for (let t = clock + 100; t <= lastHeard + 44_000 && silenceAtPing === undefined; t += 100) {
      clock = t;
      if (follower.tick() === 'ping') silenceAtPing = t - lastHeard;
    }
    expect(silenceAtPing).toBeGreaterThanOrEqual(15_000 + tick);
    expect(silenceAtPing).toBeLessThan(45_000);
  });
});
