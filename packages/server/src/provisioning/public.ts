/**
 * What other packages use of provisioning (`@drover/server/provisioning`): the version table
 * (the CLI's `drover images list` reads the same data file the server serves) and the one
 * private-registry rewrite rule; the plan preview's answer (`drover plan diff`); the plans
 * themselves (test/fixtures checks that every flag a plan passes is one its stand-in, built from
 * upstream's flag lists, accepts).
 */
export { versionTable, imagesOf, parseVersionTable, versionTableData } from './versions.ts';
export type { VersionTable, VersionEntry, VersionImages, ImageKey } from './versions.ts';
export { rewriteImage, parseImageRef, parseRegistry, formatImageRef } from './image-ref.ts';
export type { ImageRef } from './image-ref.ts';
export type { NodePlanDiff, ContainerChange, FileChange, NodePlanAction } from './plan-diff.ts';
export type { NodePlan, PlanContainer, PlanFile, HealthCheck } from './plan-types.ts';
export { computePlans } from './plan.ts';
export type { PlanInput } from './plan.ts';
export type { PlanNode } from './plan-types.ts';
