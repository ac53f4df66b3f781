// Checks on the final cloud names (names.ts): length limits, the words and characters each cloud
// reserves, and names that must be unique within one config. Pure.
import { CODES, type Diagnostic, error } from './diagnostics.ts';
import { allApps, type Model } from './model.ts';
import { derivedNames, NAME_RULES, waypointAppName, waypointCloudRunService } from './names.ts';

function limitsAndRules(model: Model): Diagnostic[] {
  const out: Diagnostic[] = [];
  const reported = new Set<string>();
  for (const n of derivedNames(model)) {
    if (n.value.length > n.max) {
      out.push(error(CODES.NAME_TOO_LONG, `The ${n.what} "${n.value}" is ${n.value.length} characters; the limit is ${n.max}`, { path: n.configPath, hint: n.hint ?? 'Shorten the pilot name, project name or app name' }));
      continue;
    }
    const refused = n.kind ? NAME_RULES[n.kind].find((r) => r.test(n.value)) : undefined;
    if (refused) {
      const byPilot = (refused.blame === 'prefix' && n.value.startsWith(model.name)) || (refused.blame === 'word' && refused.test(model.name));
      const path = byPilot ? 'name' : n.configPath;
      if (reported.has(`${path}\0${refused.why}`)) continue; // e.g. every security group of a Pilot named "sg"
      reported.add(`${path}\0${refused.why}`);
      const whose = byPilot ? 'the Pilot (name)' : path.includes('.apps.') ? 'the app' : path.startsWith('projects.') ? 'the project' : 'the Pilot (name)';
      out.push(error(CODES.RESERVED_NAME, `The ${n.what} "${n.value}" is refused: ${refused.why}`, { path, hint: `Rename ${whose} so that its cloud names avoid this` }));
    }
  }
  return out;
}

function uniqueness(model: Model): Diagnostic[] {
  const out: Diagnostic[] = [];
  const seen = new Map<string, string>();
  const reported = new Set<string>();
  const claim = (key: string, what: string, path: string, hint = 'Rename one of the apps') => {
    const other = seen.get(key);
    if (other && reported.has(path)) return; // one collision per app is enough to act on
    if (other) reported.add(path);
    if (other) out.push(error(CODES.DUPLICATE_NAME, `${other} and ${path} both produce the ${what}`, { path, hint }));
    else seen.set(key, path);
  };
  for (const app of allApps(model)) {
    claim(`id:${app.id}`, `Terraform name "${app.id}"`, app.configPath, 'Rename one of the apps or projects: Terraform addresses join project and app with "_" for "-"');
    // Cloud names joined with "--" cannot collide (names.ts). Waypoint names the ALB, Lambda function
    // and Cloud Run service after the Waypoint app name, whose 6-digit hash of pilot and project can.
    claim(`waypoint:${waypointAppName(model, app)}`, `Waypoint app name "${waypointAppName(model, app)}" (its hash of pilot and project names matches)`, app.configPath, 'Rename one of the two projects or apps');
    // google-cloud-run looks a service name up in every region of the project and refuses to deploy
    // one that exists in another region (builtin/google/cloudrun/platform.go:252-265 at v0.11.4).
    if (app.deploy.kind === 'cloudRun') claim(`run:${app.deploy.project}:${waypointCloudRunService(model, app)}`, `Cloud Run service "${waypointCloudRunService(model, app)}" in project ${app.deploy.project} (Cloud Run names are unique across regions for Waypoint)`, app.configPath);
  }
  return out;
}

/** Every check on the model's derived names. */
export const checkNames = (model: Model): Diagnostic[] => [...limitsAndRules(model), ...uniqueness(model)];
