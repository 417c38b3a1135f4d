// Asserts that a promise or function fails with an AppError of a given code.
import { expect } from 'chai';
import { AppError } from '../../converter/errors.ts';
import type { ErrorCode } from '../../common/contract/errors.ts';

export async function expectAppError(action: Promise<unknown> | (() => unknown), code: ErrorCode): Promise<AppError> {
  let caught: unknown;
  try {
    await (typeof action === 'function' ? action() : action);
  } catch (error) {
    caught = error;
  }
  expect(caught, `expected an AppError ${code}`).to.be.instanceOf(AppError);
  const appError = caught as AppError;
  expect(appError.code, appError.message).to.equal(code);
  return appError;
}
