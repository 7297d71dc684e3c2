/**
 * What applying new plans would change on each node, against the stored ones: per container
 * created, replaced (with the fields that changed; `files` when only a file it reads changed) or
 * removed, and per file created, updated or removed. Pure: the plan preview renders it.
 */
import { isDeepStrictEqual } from 'node:util';
import type { NodePlan, PlanContainer, PlanFile } from './plan-types.ts';

export type NodePlanAction = 'create' | 'update' | 'unchanged' | 'delete';

export interface ContainerChange {
  name: string;
  action: 'create' | 'replace' | 'remove';
  /** For replace: the fields that differ (`args` also names each flag added, changed or removed, as `args:--flag`). */
  changed?: string[];
}

export interface FileChange {
  path: string;
  action: 'create' | 'update' | 'remove';
}

export interface NodePlanDiff {
  node: string;
  action: NodePlanAction;
  containers: ContainerChange[];
  files: FileChange[];
}

const FIELDS = ['image', 'entrypoint', 'args', 'env', 'binds', 'networkMode', 'pidMode', 'privileged', 'restartPolicy', 'healthCheck'] as const;

const flagOf = (arg: string): string => {
  const i = arg.indexOf('=');
  return i < 0 ? arg : arg.slice(0, i);
};

/** The fields of a container that differ; `files` when none does (a file it reads changed). */
function changedFields(a: PlanContainer, b: PlanContainer): string[] {
  const out: string[] = [];
  for (const f of FIELDS) {
    if (isDeepStrictEqual(a[f], b[f])) continue;
    out.push(f);
    if (f === 'args') {
      const before = new Set(a.args);
      const after = new Set(b.args);
      const flags = new Set([...a.args.filter((x) => !after.has(x)), ...b.args.filter((x) => !before.has(x))].map(flagOf));
      out.push(...[...flags].sort().map((x) => `args:${x}`));
    }
  }
  return out.length > 0 ? out : ['files'];
}

/** The change from `before` (stored; undefined: none) to `after` (computed; undefined: the node's plan goes). */
export function diffNodePlan(node: string, before: NodePlan | undefined, after: NodePlan | undefined): NodePlanDiff {
  const oldC = new Map((before?.containers ?? []).map((c) => [c.name, c]));
  const newC = new Map((after?.containers ?? []).map((c) => [c.name, c]));
  const containers: ContainerChange[] = [];
  for (const [name, c] of newC) {
    const o = oldC.get(name);
    if (o === undefined) containers.push({ name, action: 'create' });
    else if (o.specHash !== c.specHash) containers.push({ name, action: 'replace', changed: changedFields(o, c) });
  }
  for (const name of oldC.keys()) if (!newC.has(name)) containers.push({ name, action: 'remove' });
  const oldF = new Map<string, PlanFile>((before?.files ?? []).map((f) => [f.path, f]));
  const newF = new Map<string, PlanFile>((after?.files ?? []).map((f) => [f.path, f]));
  const files: FileChange[] = [];
  for (const [path, f] of newF) {
    const o = oldF.get(path);
    if (o === undefined) files.push({ path, action: 'create' });
    else if (o.sha256 !== f.sha256 || o.mode !== f.mode) files.push({ path, action: 'update' });
  }
  for (const path of oldF.keys()) if (!newF.has(path)) files.push({ path, action: 'remove' });
  const action: NodePlanAction = after === undefined ? 'delete' : before === undefined ? 'create' : before.hash === after.hash ? 'unchanged' : 'update';
  return { node, action, containers, files };
}
