// The converter's one clock shape: a function answering milliseconds. Every part that reads time
// takes a `now: Clock` (tests pass a fake); deadlines and timestamps use the wall clock, timings of
// requests the monotonic one.
export type Clock = () => number;

/** Milliseconds since the epoch: timestamps, TTLs, deadlines shared with other pods. */
export const wallClock: Clock = () => Date.now();

/** Milliseconds since the process started, never going back: durations measured in this process. */
export const monotonicClock: Clock = () => performance.now();
