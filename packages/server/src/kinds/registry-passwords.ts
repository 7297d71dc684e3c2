/**
 * Cluster `spec.privateRegistries[].password` is write-only. On a write the hook seals a given
 * password into `sealedPassword` (secrets/secret-box.ts); an entry without one keeps the sealed
 * password of the stored entry with the same `url` (so `kubectl apply` of a manifest without it,
 * or a round trip of what `get` returned, changes nothing); `password: ""` removes it. Responses
 * carry `passwordSet: true` instead of either field. Anything a client sends as `sealedPassword`
 * or `passwordSet` is ignored. docs/adr/0008-secret-fields.md.
 */
import type { SecretBox } from '../secrets/secret-box.ts';
import type { Obj } from './hooks-util.ts';

function registriesOf(obj: Obj | undefined): Obj[] {
  const spec = obj?.spec;
  if (spec === null || typeof spec !== 'object') return [];
  const list = (spec as Obj).privateRegistries;
  return Array.isArray(list) ? (list as unknown[]).filter((r): r is Obj => r !== null && typeof r === 'object' && !Array.isArray(r)) : [];
}

/** Seals the passwords of `next` in place, carrying over sealed ones of `prev` (undefined on create). */
export function sealRegistryPasswords(next: Obj, prev: Obj | undefined, box: SecretBox): void {
  const stored = new Map<unknown, unknown>();
  for (const r of registriesOf(prev)) if (!stored.has(r.url) && typeof r.sealedPassword === 'string') stored.set(r.url, r.sealedPassword);
  for (const r of registriesOf(next)) {
    const given = r.password;
    delete r.password;
    delete r.passwordSet;
    delete r.sealedPassword;
    const sealed = typeof given === 'string' ? (given === '' ? undefined : box.seal(given)) : stored.get(r.url);
    if (sealed !== undefined) r.sealedPassword = sealed;
  }
}

/**
 * Seals plain passwords left by an older server (migration): `password` becomes `sealedPassword`
 * unless one is there already. Returns true when something changed.
 */
export function sealPlainRegistryPasswords(obj: Obj, box: SecretBox): boolean {
  let changed = false;
  for (const r of registriesOf(obj)) {
    if (!('password' in r)) continue;
    if (typeof r.password === 'string' && r.password !== '' && typeof r.sealedPassword !== 'string') r.sealedPassword = box.seal(r.password);
    delete r.password;
    changed = true;
  }
  return changed;
}

/** A copy for a response: `passwordSet: true` where a password is stored, no sealed value. */
export function presentRegistryPasswords(obj: Obj): Obj {
  if (registriesOf(obj).length === 0) return obj;
  const out = structuredClone(obj);
  for (const r of registriesOf(out)) {
    const set = typeof r.sealedPassword === 'string';
    delete r.sealedPassword;
    delete r.password;
    if (set) r.passwordSet = true;
    else delete r.passwordSet;
  }
  return out;
}
