// The seam between the engine's pipeline and a profile (docs/adr/0070). The pipeline
// (pipeline.ts) owns what every conversion shares: choosing the profile, opening the input, the
// overlap check, the staged output and its cap, warnings and warnings.json, the summary line, and
// publishing the output only on success. A profile owns the rest: what it requires of the input,
// which pages it reads in which order, and what it writes. `swift-compat` (swift-compat/)
// reproduces the Swift CLI byte for byte; `rich` (rich/) renders the whole RenderNode vocabulary.
import type { ConversionCounts, Profile as ProfileName } from '../../common/contract/conversion-job.ts';
import type { ConvertPathRequest } from './api.ts';
import type { ArchiveReader } from './io/archive-reader.ts';
import type { OutputBudget } from './io/output-budget.ts';
import type { OutputSink } from './io/output-sink.ts';

/** Records a warning; `page` is the archive file it is about, when there is one. */
export type Warn = (message: string, page?: string) => void;

/** One conversion as the pipeline hands it to a profile: the input opened, the output staged. */
export interface ProfileRun {
  reader: ArchiveReader;
  sink: OutputSink;
  request: ConvertPathRequest;
  warn: Warn;
  /** The conversion's output cap (the sink charges every write; a profile may check it sooner). */
  budget: OutputBudget;
}

export interface EngineProfile {
  readonly name: ProfileName;
  /** Writes the profile's files into `run.sink` and counts what it wrote; throws EngineError to fail. */
  convert(run: ProfileRun): Promise<ConversionCounts>;
}
