// Worker-thread entry of the builtin engine: converts one archive per task with convertPath().
import type { ConvertPathRequest, EngineSummary } from '../engine/api.ts';
import { convertPath } from '../engine/index.ts';
import { serveTasks } from './worker-protocol.ts';

/** What the pool posts: a ConvertPathRequest without the signal (which cannot cross threads). */
export type EngineTask = Omit<ConvertPathRequest, 'signal'>;

serveTasks<EngineTask, EngineSummary>((task) => convertPath(task));
