/**
 * Errors worded as kube-apiserver words them (`clusters.management.drover.dev "x" not found`),
 * with the Status `details` kubectl reads, and the mapping of store failures onto them.
 */
import { isStoreError, StoreErrorCode } from '@drover/store';
import { DroverError } from './errors.ts';
import type { StatusCause, StatusDetails } from './errors.ts';

/** What a resource error message names: `clusters.management.drover.dev "x"`. */
export interface ErrorSubject {
  plural: string;
  group: string;
  kind: string;
  name?: string;
}

function qualified(s: ErrorSubject): string {
  return s.group === '' ? s.plural : `${s.plural}.${s.group}`;
}

function subjectDetails(s: ErrorSubject): StatusDetails {
  const d: StatusDetails = { group: s.group, kind: s.plural };
  if (s.name !== undefined) d.name = s.name;
  return d;
}

export const notFound = (s: ErrorSubject): DroverError =>
  new DroverError('DROVER_ERR_API_NOT_FOUND', `${qualified(s)} "${s.name ?? ''}" not found`, { details: subjectDetails(s) });

export const alreadyExists = (s: ErrorSubject): DroverError =>
  new DroverError('DROVER_ERR_API_ALREADY_EXISTS', `${qualified(s)} "${s.name ?? ''}" already exists`, { details: subjectDetails(s) });

export const conflict = (s: ErrorSubject, why = 'the object has been modified; please apply your changes to the latest version and try again'): DroverError =>
  new DroverError('DROVER_ERR_API_CONFLICT', `Operation cannot be fulfilled on ${qualified(s)} "${s.name ?? ''}": ${why}`, { details: subjectDetails(s) });

export const invalid = (s: ErrorSubject, causes: StatusCause[]): DroverError => {
  const list = causes.map((c) => (c.field ? `${c.field}: ${c.message}` : c.message));
  const summary = list.length === 1 ? (list[0] ?? '') : `[${list.join(', ')}]`;
  return new DroverError('DROVER_ERR_API_INVALID', `${s.kind}.${s.group} "${s.name ?? ''}" is invalid: ${summary}`, {
    details: { name: s.name ?? '', group: s.group, kind: s.kind, causes },
  });
};

export const badRequest = (message: string, details?: StatusDetails): DroverError =>
  new DroverError('DROVER_ERR_API_BAD_REQUEST', message, details === undefined ? undefined : { details });

export const pathNotFound = (): DroverError => new DroverError('DROVER_ERR_API_NOT_FOUND', 'the server could not find the requested resource', { details: {} });

/** The namespace (= Cluster) of a namespaced request does not exist, worded as Kubernetes words it. */
export const namespaceNotFound = (ns: string): DroverError =>
  new DroverError('DROVER_ERR_API_NOT_FOUND', `namespaces "${ns}" not found`, { details: { name: ns, kind: 'namespaces' } });

/**
 * Maps a StoreError to the DroverError Kubernetes would answer for `subject`; passes DroverErrors
 * through; returns undefined for anything else (an internal error).
 */
export function fromStoreError(err: unknown, subject: ErrorSubject): DroverError | undefined {
  if (err instanceof DroverError) return err;
  if (!isStoreError(err)) return undefined;
  switch (err.code) {
    case StoreErrorCode.NOT_FOUND:
      return notFound(subject);
    case StoreErrorCode.ALREADY_EXISTS:
      return alreadyExists(subject);
    case StoreErrorCode.CONFLICT:
      return conflict(subject);
    case StoreErrorCode.EXPIRED:
      return new DroverError('DROVER_ERR_API_EXPIRED', `too old resource version: ${err.message}`, { cause: err });
    case StoreErrorCode.INVALID:
      return badRequest(err.message);
    case StoreErrorCode.CLOSED:
      return new DroverError('DROVER_ERR_API_UNAVAILABLE', 'the server is shutting down', { cause: err });
    default:
      return undefined;
  }
}
