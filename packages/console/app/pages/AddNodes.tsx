/**
 * The node-command builder: roles, optional name / addresses / labels / taints, token lifetime and
 * the insecure variant. Generating creates a RegistrationToken; the server renders the command
 * (every value shell-quoted there) and returns it only in that response, so it is shown once, with
 * Copy. Values are sent as fields, never pasted into the command here.
 */
import { useState } from 'react';
import { API_VERSION, ApiError, collectionPath, request } from '../api.ts';
import type { KubeObject } from '../api.ts';

const ROLES = [
  ['etcd', 'etcd'],
  ['controlplane', 'Control plane'],
  ['worker', 'Worker'],
] as const;

const LIFETIMES = [
  ['3600', '1 hour'],
  ['86400', '1 day'],
  ['604800', '7 days'],
] as const;

/** `key=value` lines → labels. @throws Error naming the bad line */
export function parseLabels(text: string): Record<string, string> | undefined {
  const out: Record<string, string> = {};
  for (const line of text.split(/[\n,]/).map((l) => l.trim()).filter((l) => l !== '')) {
    const eq = line.indexOf('=');
    if (eq <= 0) throw new Error(`label "${line}" is not key=value`);
    out[line.slice(0, eq).trim()] = line.slice(eq + 1).trim();
  }
  return Object.keys(out).length === 0 ? undefined : out;
}

/** `key[=value]:Effect` lines → taints. @throws Error naming the bad line */
export function parseTaints(text: string): { key: string; value?: string; effect: string }[] | undefined {
  const out: { key: string; value?: string; effect: string }[] = [];
  for (const line of text.split(/[\n,]/).map((l) => l.trim()).filter((l) => l !== '')) {
    const m = /^([^=:]+)(?:=([^:]*))?:([A-Za-z]+)$/.exec(line);
    if (m === null) throw new Error(`taint "${line}" is not key[=value]:Effect`);
    out.push({ key: m[1]!, ...(m[2] === undefined || m[2] === '' ? {} : { value: m[2] }), effect: m[3]! });
  }
  return out.length === 0 ? undefined : out;
}

async function copyText(text: string, fallback: HTMLElement | null): Promise<boolean> {
  try {
    await navigator.clipboard.writeText(text);
    return true;
  } catch {
    // No clipboard (not a secure context, or denied): select the text for Ctrl+C.
    if (fallback !== null) {
      const range = document.createRange();
      range.selectNodeContents(fallback);
      const sel = window.getSelection();
      sel?.removeAllRanges();
      sel?.addRange(range);
    }
    return false;
  }
}

export function AddNodes({ cluster, onClose }: { cluster: string; onClose: () => void }) {
  const [roles, setRoles] = useState<Record<string, boolean>>({ etcd: true, controlplane: true, worker: true });
  const [nodeName, setNodeName] = useState('');
  const [address, setAddress] = useState('');
  const [internalAddress, setInternalAddress] = useState('');
  const [labels, setLabels] = useState('');
  const [taints, setTaints] = useState('');
  const [ttl, setTtl] = useState('86400');
  const [insecure, setInsecure] = useState(false);
  const [error, setError] = useState<string>();
  const [result, setResult] = useState<{ command: string; insecureCommand: string; expiresAt?: string }>();
  const [copied, setCopied] = useState<string>();
  const [busy, setBusy] = useState(false);
  let pre: HTMLPreElement | null = null;

  const generate = async (): Promise<void> => {
    setError(undefined);
    const picked = ROLES.map(([r]) => r).filter((r) => roles[r]);
    if (picked.length === 0) throw new Error('pick at least one role');
    const spec: Record<string, unknown> = { roles: picked, ttlSeconds: Number(ttl) };
    if (nodeName.trim() !== '') spec.nodeName = nodeName.trim();
    if (address.trim() !== '') spec.address = address.trim();
    if (internalAddress.trim() !== '') spec.internalAddress = internalAddress.trim();
    const l = parseLabels(labels);
    if (l !== undefined) spec.labels = l;
    const t = parseTaints(taints);
    if (t !== undefined) spec.taints = t;
    const created = await request<KubeObject>('POST', collectionPath('registrationtokens', cluster), {
      body: { apiVersion: API_VERSION, kind: 'RegistrationToken', metadata: { generateName: 'join-' }, spec },
    });
    const status = (created.status ?? {}) as { nodeCommand?: string; insecureNodeCommand?: string; expiresAt?: string };
    setResult({ command: status.nodeCommand ?? '', insecureCommand: status.insecureNodeCommand ?? '', ...(status.expiresAt === undefined ? {} : { expiresAt: status.expiresAt }) });
  };

  if (result !== undefined) {
    const command = insecure ? result.insecureCommand : result.command;
    return (
      <div className="panel" aria-label="Node command">
        <h3>Run this on each host to add</h3>
        <p className="notice">
          Shown once: the token in it is not stored and cannot be shown again. Generate a new command if you lose it.
          {result.expiresAt !== undefined && ` It expires ${new Date(result.expiresAt).toLocaleString()}.`}
        </p>
        <label className="inline">
          <input type="checkbox" checked={insecure} onChange={(e) => setInsecure(e.target.checked)} />
          Insecure: trust the server certificate on first use (only when hosts cannot check the CA checksum)
        </label>
        <pre className="command" ref={(el) => void (pre = el)} aria-label="Node command text">
          {command}
        </pre>
        <div className="actions">
          <button
            type="button"
            className="primary"
            onClick={() => void copyText(command, pre).then((ok) => setCopied(ok ? 'Copied to the clipboard.' : 'Selected: press Ctrl+C to copy.'))}
          >
            Copy
          </button>
          <button type="button" onClick={onClose}>
            Done
          </button>
          {copied !== undefined && <span role="status">{copied}</span>}
        </div>
      </div>
    );
  }

  return (
    <form
      className="panel form"
      aria-label="Add nodes"
      onSubmit={(e) => {
        e.preventDefault();
        setBusy(true);
        generate()
          .catch((err: unknown) => setError(err instanceof ApiError || err instanceof Error ? err.message : String(err)))
          .finally(() => setBusy(false));
      }}
    >
      <h3>Add nodes</h3>
      <fieldset>
        <legend>Roles</legend>
        {ROLES.map(([r, label]) => (
          <label key={r} className="inline">
            <input type="checkbox" checked={roles[r] === true} onChange={(e) => setRoles({ ...roles, [r]: e.target.checked })} />
            {label}
          </label>
        ))}
        <small>A cluster needs at least one node of each role.</small>
      </fieldset>
      <label>
        Node name
        <input value={nodeName} onChange={(e) => setNodeName(e.target.value)} placeholder="default: the host name" />
      </label>
      <label>
        Public address
        <input value={address} onChange={(e) => setAddress(e.target.value)} placeholder="203.0.113.10" />
      </label>
      <label>
        Internal address
        <input value={internalAddress} onChange={(e) => setInternalAddress(e.target.value)} placeholder="10.0.0.10" />
      </label>
      <label>
        Labels
        <textarea rows={2} value={labels} onChange={(e) => setLabels(e.target.value)} placeholder="zone=eu-1" />
      </label>
      <label>
        Taints
        <textarea rows={2} value={taints} onChange={(e) => setTaints(e.target.value)} placeholder="dedicated=infra:NoSchedule" />
      </label>
      <label>
        Token lifetime
        <select value={ttl} onChange={(e) => setTtl(e.target.value)}>
          {LIFETIMES.map(([v, l]) => (
            <option key={v} value={v}>
              {l}
            </option>
          ))}
        </select>
      </label>
      {error !== undefined && (
        <p className="error" role="alert">
          {error}
        </p>
      )}
      <div className="actions">
        <button type="button" onClick={onClose}>
          Cancel
        </button>
        <button type="submit" className="primary" disabled={busy}>
          Generate command
        </button>
      </div>
    </form>
  );
}
