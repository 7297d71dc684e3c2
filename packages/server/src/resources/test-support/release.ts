/**
 * Release: a test-only, cluster-scoped, read-only kind (the shape of the coming KubernetesVersion:
 * reference data shipped in the repository, which every user reads and nobody writes through the
 * API). Never served by the product.
 */
import { Type } from '@sinclair/typebox';
import { opt } from '../../kinds/kind-definition.ts';
import { nameColumn, pathColumn } from '../../kinds/meta.ts';
import { readableByAll } from '../access.ts';
import { defineResource } from '../define-resource.ts';

export const releases = defineResource({
  group: 'test.drover.dev',
  version: 'v1alpha1',
  kind: 'Release',
  plural: 'releases',
  scope: 'Cluster',
  description: 'A test-only kind: a release everyone may read.',
  schema: { spec: opt(Type.Object({ channel: Type.String({ description: 'Release channel.' }) }, { description: 'The release.' })) },
  statusSubresource: false,
  printerColumns: [nameColumn, pathColumn('Channel', 'spec.channel', 'Release channel.')],
  verbs: ['get', 'list', 'watch'],
  builtins: () => [
    { metadata: { name: 'r1' }, spec: { channel: 'stable' } },
    { metadata: { name: 'r2' }, spec: { channel: 'rapid' } },
  ],
  access: readableByAll(),
});
