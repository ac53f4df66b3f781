/** A generated pilot.config.ts of `apps` apps: every deploy kind, ten apps a project, a database, secrets, both clouds. */
export declare function mixedConfig(apps: number): string;
