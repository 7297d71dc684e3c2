/**
 * Create cluster: a form (name, Kubernetes version, default private registry with credentials,
 * proxy) and a YAML tab showing exactly the object that will be sent. The server validates; each
 * cause naming a field is shown on that field, the rest above the buttons.
 */
import { useMemo, useState } from 'react';
import { useNavigate } from 'react-router';
import { stringify } from 'yaml';
import { API_VERSION, ApiError, collectionPath, request } from '../api.ts';
import { useLiveList } from '../watch.ts';
import type { Cause } from '../api.ts';

interface Fields {
  name: string;
  version: string;
  registryUrl: string;
  registryUser: string;
  registryPassword: string;
  httpsProxy: string;
  noProxy: string;
}

const FIELD_OF: [RegExp, keyof Fields][] = [
  [/^metadata\.name/, 'name'],
  [/^spec\.kubernetesVersion/, 'version'],
  [/^spec\.privateRegistries.*\.url/, 'registryUrl'],
  [/^spec\.privateRegistries.*\.username/, 'registryUser'],
  [/^spec\.privateRegistries.*\.password/, 'registryPassword'],
  [/^spec\.proxy\.httpsProxy/, 'httpsProxy'],
  [/^spec\.proxy\.noProxy/, 'noProxy'],
];

/** The Cluster object the form stands for (only the fields filled in). */
export function clusterObject(f: Fields): Record<string, unknown> {
  const spec: Record<string, unknown> = {};
  if (f.version.trim() !== '') spec.kubernetesVersion = f.version.trim();
  if (f.registryUrl.trim() !== '') {
    const reg: Record<string, unknown> = { url: f.registryUrl.trim(), default: true };
    if (f.registryUser !== '') reg.username = f.registryUser;
    if (f.registryPassword !== '') reg.password = f.registryPassword;
    spec.privateRegistries = [reg];
  }
  if (f.httpsProxy.trim() !== '' || f.noProxy.trim() !== '') {
    spec.proxy = { ...(f.httpsProxy.trim() === '' ? {} : { httpsProxy: f.httpsProxy.trim() }), ...(f.noProxy.trim() === '' ? {} : { noProxy: f.noProxy.trim() }) };
  }
  return { apiVersion: API_VERSION, kind: 'Cluster', metadata: { name: f.name.trim() }, ...(Object.keys(spec).length === 0 ? {} : { spec }) };
}

function fieldErrors(causes: Cause[]): { byField: Partial<Record<keyof Fields, string>>; rest: string[] } {
  const byField: Partial<Record<keyof Fields, string>> = {};
  const rest: string[] = [];
  for (const c of causes) {
    const key = c.field === undefined ? undefined : FIELD_OF.find(([re]) => re.test(c.field!.replace(/^\$?\.?/, '')))?.[1];
    if (key === undefined) rest.push(c.field === undefined ? c.message : `${c.field}: ${c.message}`);
    else byField[key] = c.message;
  }
  return { byField, rest };
}

export function ClusterCreate() {
  const navigate = useNavigate();
  const [f, setF] = useState<Fields>({ name: '', version: '', registryUrl: '', registryUser: '', registryPassword: '', httpsProxy: '', noProxy: '' });
  const [tab, setTab] = useState<'form' | 'yaml'>('form');
  const [errors, setErrors] = useState<{ byField: Partial<Record<keyof Fields, string>>; rest: string[] }>({ byField: {}, rest: [] });
  const [busy, setBusy] = useState(false);
  // The versions the server installs (the KubernetesVersion kind: its version table).
  const versions = useLiveList<{ metadata: { name: string }; spec?: { default?: boolean } }>(collectionPath('kubernetesversions'));
  const defaultVersion = versions.items.find((v) => v.spec?.default === true)?.metadata.name;
  const object = useMemo(() => clusterObject(f), [f]);
  // The YAML tab shows the password as typed would be sent: mask it on screen.
  const shown = useMemo(() => stringify(JSON.parse(JSON.stringify(object).replace(/"password":"[^"]*"/, '"password":"********"'))), [object]);

  // The label holds only the field's name (its accessible name); hint and error are described-by.
  const field = (key: keyof Fields, label: string, props: { type?: string; placeholder?: string; required?: boolean; hint?: string } = {}) => {
    const err = errors.byField[key];
    const described = [props.hint === undefined ? undefined : `${key}-hint`, err === undefined ? undefined : `${key}-error`].filter((x) => x !== undefined).join(' ');
    return (
      <div className={err === undefined ? 'field' : 'field invalid'}>
        <label htmlFor={`f-${key}`}>{label}</label>
        <input
          id={`f-${key}`}
          type={props.type ?? 'text'}
          value={f[key]}
          placeholder={props.placeholder}
          required={props.required}
          aria-invalid={err !== undefined}
          aria-describedby={described === '' ? undefined : described}
          autoComplete="off"
          onChange={(e) => setF({ ...f, [key]: e.target.value })}
        />
        {props.hint !== undefined && <small id={`${key}-hint`}>{props.hint}</small>}
        {err !== undefined && (
          <span className="field-error" id={`${key}-error`}>
            {err}
          </span>
        )}
      </div>
    );
  };

  return (
    <section>
      <h1>Create a cluster</h1>
      <div role="tablist" className="tabs">
        <button type="button" role="tab" aria-selected={tab === 'form'} onClick={() => setTab('form')}>
          Form
        </button>
        <button type="button" role="tab" aria-selected={tab === 'yaml'} onClick={() => setTab('yaml')}>
          YAML
        </button>
      </div>
      <form
        className="form"
        onSubmit={(e) => {
          e.preventDefault();
          setBusy(true);
          request('POST', collectionPath('clusters'), { body: object })
            .then(() => navigate(`/clusters/${encodeURIComponent(f.name.trim())}`))
            .catch((err: unknown) => {
              setBusy(false);
              if (err instanceof ApiError) {
                const e2 = fieldErrors(err.causes);
                if (Object.keys(e2.byField).length === 0 && e2.rest.length === 0) e2.rest.push(err.message);
                setErrors(e2);
                if (Object.keys(e2.byField).length > 0) setTab('form');
              } else setErrors({ byField: {}, rest: [String(err)] });
            });
        }}
      >
        {tab === 'form' ? (
          <>
            {field('name', 'Name', { required: true, placeholder: 'prod-eu-1', hint: 'Lower-case letters, digits and "-".' })}
            <div className={errors.byField.version === undefined ? 'field' : 'field invalid'}>
              <label htmlFor="f-version">Kubernetes version</label>
              <select
                id="f-version"
                value={f.version}
                aria-invalid={errors.byField.version !== undefined}
                aria-describedby={errors.byField.version === undefined ? 'version-hint' : 'version-hint version-error'}
                onChange={(e) => setF({ ...f, version: e.target.value })}
              >
                <option value="">{defaultVersion === undefined ? 'Server default' : `Server default (${defaultVersion})`}</option>
                {[...versions.items]
                  .sort((a, b) => b.metadata.name.localeCompare(a.metadata.name, undefined, { numeric: true }))
                  .map((v) => (
                    <option key={v.metadata.name} value={v.metadata.name}>
                      {v.metadata.name}
                    </option>
                  ))}
              </select>
              <small id="version-hint">The versions this server installs; the default follows the server's version table.</small>
              {errors.byField.version !== undefined && (
                <span className="field-error" id="version-error">
                  {errors.byField.version}
                </span>
              )}
            </div>
            <fieldset>
              <legend>Default private registry (optional)</legend>
              {field('registryUrl', 'Registry', { placeholder: 'registry.example:5000' })}
              {field('registryUser', 'Registry username')}
              {field('registryPassword', 'Registry password', { type: 'password', hint: 'Stored sealed; never shown again.' })}
            </fieldset>
            <fieldset>
              <legend>Proxy (optional)</legend>
              {field('httpsProxy', 'HTTPS proxy', { placeholder: 'http://proxy.example:3128' })}
              {field('noProxy', 'No proxy', { placeholder: '10.0.0.0/8,.internal' })}
            </fieldset>
          </>
        ) : (
          <pre className="yaml" aria-label="Cluster YAML">
            {shown}
          </pre>
        )}
        {errors.rest.length > 0 && (
          <div className="error" role="alert">
            {errors.rest.map((m) => (
              <p key={m}>{m}</p>
            ))}
          </div>
        )}
        <div className="actions">
          <button type="button" onClick={() => void navigate('/clusters')}>
            Cancel
          </button>
          <button type="submit" className="primary" disabled={busy}>
            Create cluster
          </button>
        </div>
      </form>
    </section>
  );
}
