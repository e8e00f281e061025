import { WorkflowCatalogue } from '../../src/domain/workflow/workflow-catalogue';
import { todayInVietnam } from '../support/dates';
import type { TestApp } from '../support/test-app';

/** Shared steps of the violation stories (not a spec: no tests here). */

/**
 * The data of a traffic report as the violation workflow new reports open on takes it: v3 knows a
 * category (traffic) and a summary; v4 names the sub-category from the catalogue, and requires
 * where the report came from and the day it happened.
 */
export function trafficReport(t: TestApp, summary: string): Record<string, unknown> {
  const { dataSchema } = t.app
    .get(WorkflowCatalogue, { strict: false })
    .latestForCaseType('violation').definition;
  const known = Object.keys((dataSchema?.properties as object | undefined) ?? {});
  return known.includes('source')
    ? {
        category: 'traffic_red_light',
        source: 'police_notice',
        occurredOn: todayInVietnam(),
        summary,
      }
    : { category: 'traffic', summary };
}
