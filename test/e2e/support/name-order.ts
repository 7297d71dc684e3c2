/**
 * The run's file order (vitest `sequence.sequencer`, which only the root config can set): every
 * project as vitest orders it, except the e2e files, which run last and in name order. They share
 * one testbed and one server, and each leaves the hosts in the state the next one starts from
 * (01 refusals before anything joined, 02 joins, then faults, a server restart, a proxy).
 */
import { BaseSequencer, type TestSpecification } from 'vitest/node';

export class E2eNameOrderSequencer extends BaseSequencer {
  override async sort(files: TestSpecification[]): Promise<TestSpecification[]> {
    const sorted = await super.sort(files);
    const e2e = sorted.filter((f) => f.project.name === 'e2e').sort((a, b) => a.moduleId.localeCompare(b.moduleId));
    return [...sorted.filter((f) => f.project.name !== 'e2e'), ...e2e];
  }
}
