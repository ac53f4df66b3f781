// One ECR repository per container app on AWS, named by the model (pilot's repository names).
import { EcrLifecyclePolicy } from '@cdktf/provider-aws/lib/ecr-lifecycle-policy/index.js';
import { EcrRepository } from '@cdktf/provider-aws/lib/ecr-repository/index.js';
import type { ModelApp } from '../../../compiler/model.ts';
import type { StackContext } from '../emit.ts';

/** Untagged layers left behind by re-pushed tags are expired after this many days. */
const UNTAGGED_DAYS = 14;

export function addEcrRepository(ctx: StackContext, app: ModelApp, registry: { repository: string; immutableTags: boolean }): EcrRepository {
  const { stack, addresses } = ctx;
  const at = `${app.configPath}.registry`;
  const repo = addresses.pin(
    new EcrRepository(stack, `ecr:${app.configPath}`, {
      name: registry.repository,
      imageTagMutability: registry.immutableTags ? 'IMMUTABLE' : 'MUTABLE',
      imageScanningConfiguration: { scanOnPush: true },
      encryptionConfiguration: [{ encryptionType: 'AES256' }],
      // Removing the app deletes the repository with its images (ECR DeleteRepository force; without it
      // Terraform stops with RepositoryNotEmptyException). The images are rebuilt from git on deploy.
      forceDelete: true,
    }),
    app.id,
    at,
  );
  addresses.pin(
    new EcrLifecyclePolicy(stack, `ecr-lifecycle:${app.configPath}`, {
      repository: repo.name,
      policy: JSON.stringify({
        rules: [{ rulePriority: 1, description: 'Expire untagged images', selection: { tagStatus: 'untagged', countType: 'sinceImagePushed', countUnit: 'days', countNumber: UNTAGGED_DAYS }, action: { type: 'expire' } }],
      }),
    }),
    app.id,
    at,
  );
  return repo;
}
