/**
 * Widget: a kind that exists only in tests, in its own API group, to prove that adding a kind is
 * this one file plus one line in a registry list (registry-kubectl.test.ts). Never served by the
 * product.
 */
import { Type } from '@sinclair/typebox';
import { opt } from '../../kinds/kind-definition.ts';
import { ageColumn, nameColumn, pathColumn } from '../../kinds/meta.ts';
import { inClusterNamespace } from '../access.ts';
import { defineResource } from '../define-resource.ts';

export const widgets = defineResource({
  group: 'test.drover.dev',
  version: 'v1alpha1',
  kind: 'Widget',
  plural: 'widgets',
  shortNames: ['wg'],
  scope: 'Namespaced',
  description: 'A test-only kind: a widget in a cluster.',
  schema: {
    spec: opt(Type.Object({ colour: Type.String({ minLength: 1, description: 'Colour of the widget, e.g. "teal".' }), size: opt(Type.Integer({ minimum: 1, description: 'Size in units.' })) }, { description: 'The widget.' })),
    status: opt(Type.Object({ ready: opt(Type.Boolean({ description: 'The widget is ready.' })) }, { description: 'Observed state.' })),
  },
  statusSubresource: true,
  printerColumns: [nameColumn, pathColumn('Colour', 'spec.colour', 'Colour of the widget.'), ageColumn],
  access: inClusterNamespace({ write: 'member' }),
});
