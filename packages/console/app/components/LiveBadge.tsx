/** The one connection indicator of a live table: Live, Loading, Reconnecting (with why) or Error. */
import type { LiveState } from '../watch.ts';

const LABELS: Record<LiveState, string> = { loading: 'Loading…', live: 'Live', reconnecting: 'Reconnecting…', error: 'Not live' };

export function LiveBadge({ state, error }: { state: LiveState; error?: string | undefined }) {
  return (
    <span className={`live live-${state}`} role="status" title={error}>
      {LABELS[state]}
      {state !== 'live' && state !== 'loading' && error !== undefined ? `: ${error}` : ''}
    </span>
  );
}
