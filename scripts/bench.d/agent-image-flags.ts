/**
 * The Node flags the agent image starts the agent with: the words of deploy/agent/Dockerfile's
 * ENTRYPOINT between the node binary and the bundle. The benches run their agents with these
 * by default, so they measure the agent as it ships.
 */
import { readFileSync } from 'node:fs';

const DOCKERFILE = new URL('../../deploy/agent/Dockerfile', import.meta.url);

export function agentImageNodeFlags(): string[] {
  const m = /^ENTRYPOINT\s+(\[.*\])\s*$/m.exec(readFileSync(DOCKERFILE, 'utf8'));
  if (!m) throw new Error(`no exec-form ENTRYPOINT in ${DOCKERFILE.pathname}`);
  const words = JSON.parse(m[1]!) as string[];
  if (!words[0]?.endsWith('/node') || !words.at(-1)?.endsWith('.mjs')) throw new Error(`unexpected agent ENTRYPOINT ${m[1]}`);
  return words.slice(1, -1);
}
