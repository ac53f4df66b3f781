// Every emitter, in one list. Adding a backend means adding it here.
import type { Emitter } from '../compiler/artifact.ts';
import { cloudInitEmitter } from './cloud-init/emit.ts';
import { terraformEmitter } from './terraform/emit.ts';
import { waypointEmitter } from './waypoint/emit.ts';

export const EMITTERS: Emitter[] = [cloudInitEmitter, terraformEmitter, waypointEmitter];
