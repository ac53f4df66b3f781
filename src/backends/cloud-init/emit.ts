// Model -> cloud-init/user-data.yaml: boots the Pilot server the same way on AWS and GCP.
import type { Emitter } from '../../compiler/artifact.ts';
import { renderCloudInit } from './render.ts';

export const CLOUD_INIT_ARTIFACT = 'cloud-init/user-data.yaml';

export const cloudInitEmitter: Emitter = {
  name: 'cloud-init',
  emit(model) {
    return { artifacts: [{ path: CLOUD_INIT_ARTIFACT, contents: renderCloudInit(model) }], diagnostics: [] };
  },
};
