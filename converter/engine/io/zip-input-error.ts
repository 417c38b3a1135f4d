// Why a zip cannot be read; the engine turns it into a message naming the input path, and the
// service into the matching archive error code.

export type ZipProblem = 'corrupt' | 'unsafe' | 'too-large' | 'not-docc';

export class ZipInputError extends Error {
  readonly problem: ZipProblem;
  constructor(problem: ZipProblem, message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'ZipInputError';
    this.problem = problem;
  }
}
