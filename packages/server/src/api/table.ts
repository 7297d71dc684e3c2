/**
 * Server-side printing: objects as a `meta.k8s.io` Table (what `kubectl get` asks for), and
 * PartialObjectMetadata(List). Cells come from the kind's printer columns.
 */
import type { KubeObject } from '@drover/store';
import type { KindRuntime } from './context.ts';
import type { IncludeObject } from './negotiate.ts';
import type { JsonObject } from './object-path.ts';

export function partialObject(obj: JsonObject, version: 'v1' | 'v1beta1' = 'v1'): JsonObject {
  return { kind: 'PartialObjectMetadata', apiVersion: `meta.k8s.io/${version}`, metadata: obj.metadata ?? {} };
}

export function columnDefinitions(kind: KindRuntime): JsonObject[] {
  return kind.def.columns.map((c) => {
    const d: JsonObject = { name: c.name, type: c.type, format: c.format ?? '', description: c.description, priority: c.priority };
    return d;
  });
}

export function tableRow(kind: KindRuntime, obj: JsonObject, include: IncludeObject, now: Date, version: 'v1' | 'v1beta1'): JsonObject {
  const row: JsonObject = { cells: kind.def.columns.map((c) => c.cell(obj as KubeObject, now)) };
  if (include === 'Metadata') row.object = partialObject(obj, version);
  else if (include === 'Object') row.object = obj;
  return row;
}

export interface TableOptions {
  include: IncludeObject;
  version: 'v1' | 'v1beta1';
  /** Column definitions are left out of all but the first Table of a watch. */
  withColumns: boolean;
  listMeta: JsonObject;
  now: Date;
}

export function toTable(kind: KindRuntime, objects: JsonObject[], o: TableOptions): JsonObject {
  return {
    kind: 'Table',
    apiVersion: `meta.k8s.io/${o.version}`,
    metadata: o.listMeta,
    columnDefinitions: o.withColumns ? columnDefinitions(kind) : [],
    rows: objects.map((obj) => tableRow(kind, obj, o.include, o.now, o.version)),
  };
}
