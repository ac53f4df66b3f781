// What an applied record holds, counted for `pilot history`: Terraform resources, Waypoint apps and
// secrets. Pure: reads only the record's own artifact texts.
import { appNamesOfHcl, WAYPOINT_ARTIFACT } from '../plan/waypoint-diff.ts';
import type { PilotRecord } from './record.ts';

export type RecordCounts = { resources: number; apps: number; secrets: number };

export function recordCounts(record: PilotRecord): RecordCounts {
  let resources = 0;
  let apps = 0;
  for (const a of record.artifacts) {
    if (a.path === 'terraform/main.tf.json') {
      try {
        const doc = JSON.parse(a.contents) as { resource?: Record<string, Record<string, unknown>> };
        for (const byName of Object.values(doc.resource ?? {})) resources += Object.keys(byName).length;
      } catch {
        // A record is validated on read, but its artifact text is not: an unparsable one counts nothing.
      }
    } else if (WAYPOINT_ARTIFACT.test(a.path)) apps += appNamesOfHcl(a.contents).length;
  }
  return { resources, apps, secrets: Object.keys(record.secrets.fingerprints).length };
}
