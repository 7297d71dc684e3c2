import { isAgentError, type AgentError } from '../errors.ts';

/** The AgentError `p` rejects with; fails the test when it resolves or rejects with anything else. */
export async function agentFailure(p: Promise<unknown>): Promise<AgentError> {
  try {
    await p;
  } catch (err) {
    if (isAgentError(err)) return err;
    throw err;
  }
  throw new Error('expected an AgentError');
}
