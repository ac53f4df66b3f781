// Builds the site in a throwaway container started through the Docker socket the runner already has:
// upload the app directory, run each build command in it, copy the output directory back into the app
// directory (where deploy.ts reads it), and always remove the container.
import { basename, isAbsolute, join, posix } from 'node:path';
import { BUILD_APP_DIR, BUILD_HOME, BUILD_USER, BuildError, buildCommands, buildContainerSpec } from './build.ts';
import { DockerApiError, type DockerClient } from './docker-api.ts';
import type { StreamName } from './docker-stream.ts';
import { extractDirectory, packDirectory } from './tar-files.ts';

export type ContainerBuild = {
  docker: DockerClient;
  /** The image to build in: the runtime image, already on the host (PILOT_BUILD_IMAGE). */
  image: string;
  script: string;
  /** The build's output directory, relative to the app directory. */
  outDir: string;
  output(stream: StreamName, chunk: Buffer): void;
};

export async function buildInContainer(appDir: string, build: ContainerBuild): Promise<void> {
  const outParts = outDirParts(build.outDir);
  const { docker } = build;
  const id = await docker.createContainer(buildContainerSpec(build.image));
  try {
    await docker.putArchive(id, BUILD_HOME, packDirectory(appDir, basename(BUILD_APP_DIR), BUILD_USER));
    await docker.startContainer(id);
    for (const command of buildCommands(build.script)) {
      const code = await docker.exec(id, [command.file, ...command.args], build.output);
      if (code !== 0) throw new BuildError(`build failed: \`${[command.file, ...command.args].join(' ')}\` exited with code ${code}`);
    }
    const archive = await docker.getArchive(id, posix.join(BUILD_APP_DIR, ...outParts)).catch((error: Error) => {
      if (!(error instanceof DockerApiError && error.status === 404)) throw error;
      throw new BuildError(`build output ${build.outDir} not found in the build container: check --out-dir and the build script (${error.message})`);
    });
    await extractDirectory(archive, outParts.at(-1)!, join(appDir, ...outParts), appDir);
  } finally {
    // A container left behind is removed by Docker when its idle process ends (build.ts), so a failed
    // removal is worth a warning, not a failed deploy.
    await docker.removeContainer(id).catch((error: Error) => {
      build.output('stderr', Buffer.from(`pilot-static: could not remove build container ${id}: ${error.message}\n`));
    });
  }
}

/** --out-dir as path segments below the app directory; it may not climb out of it. */
function outDirParts(outDir: string): string[] {
  const parts = outDir.split(/[\\/]/).filter((part) => part !== '' && part !== '.');
  if (isAbsolute(outDir) || parts.length === 0 || parts.includes('..')) {
    throw new BuildError(`--out-dir ${JSON.stringify(outDir)} must be a directory inside the app directory`);
  }
  return parts;
}
