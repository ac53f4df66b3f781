// How many deployments Waypoint keeps after a release, per app: the `up.release` part of the
// QueueJob request `pilot up` sends (the HCL has no prune setting: an app's `release` stanza takes
// only `use`/hooks, and prune lives on the job, pb.Job_ReleaseOp). Waypoint v0.11.4 keeps
// `retain := 2` deployments unless `prune_retain_override` is set, then `prune_retain + 1`
// (internal/runner/operation_release.go:95-100).
//
// Choice: an ECS deployment is a whole ECS service whose tasks keep running after the releaser moves
// the listener's weight to the new target group (builtin/aws/ecs/releaser.go), so keeping the
// previous one doubles the Fargate bill (T-27): ECS keeps only the released deployment. Lambda
// versions and Cloud Run revisions cost nothing while idle, so the others keep Waypoint's default of
// one previous deployment to roll back to. Limit: jobs the server queues itself on a git poll use an
// empty `up` (internal/runner/operation_poll.go:89-92), i.e. the default; the next `pilot up` prunes.
import type { ModelDeploy } from '../../compiler/model.ts';

/** pb.Job_ReleaseOp's prune fields, with the proto's field names. */
export type ReleasePrune = { prune: true; prune_retain: number; prune_retain_override: boolean };

/** For QueueJob's `up.release`; takes the app's deploy kind so `pilot up` can call it per target. */
export function releasePrune(deployKind: ModelDeploy['kind']): ReleasePrune {
  // prune_retain counts unreleased deployments to keep (`waypoint up -prune-retain`, internal/cli/up.go:261-268).
  if (deployKind === 'ecs') return { prune: true, prune_retain: 0, prune_retain_override: true };
  return { prune: true, prune_retain: 1, prune_retain_override: false };
}
