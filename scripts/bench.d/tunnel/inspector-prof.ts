/**
 * RPC handlers that run V8's CPU profiler (the one behind node --cpu-prof)
 * inside a child process, so the orchestrator can profile exactly the phases
 * it measures instead of the whole process lifetime (start-up, type stripping).
 * node:inspector is loaded only when profiling, so it does not count in the
 * agent's RSS otherwise.
 */
import { writeFileSync } from 'node:fs';
import type { Session as InspectorSession } from 'node:inspector/promises';

let session: InspectorSession | undefined;

export const profilerHandlers = {
  async profStart(p: { intervalUs: number }): Promise<null> {
    if (!session) {
      const { Session } = await import('node:inspector/promises');
      session = new Session();
      session.connect();
      await session.post('Profiler.enable');
    }
    await session.post('Profiler.setSamplingInterval', { interval: p.intervalUs });
    await session.post('Profiler.start');
    return null;
  },
  async profStop(p: { file: string }): Promise<null> {
    if (!session) throw new Error('profiler not started');
    const { profile } = await session.post('Profiler.stop');
    writeFileSync(p.file, JSON.stringify(profile));
    return null;
  },
};
