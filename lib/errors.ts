// One error type for expected failures; its message is shown to the user as is (Chinese).
// CONFLICT: the data changed since the request was made; LOCKED: someone else holds it (an edit lock).
export type AppErrorCode = 'UNAUTHENTICATED' | 'FORBIDDEN' | 'NOT_FOUND' | 'CONFLICT' | 'LOCKED' | 'INVALID' | 'RATE_LIMITED' | 'UNAVAILABLE';

export class AppError extends Error {
  constructor(
    readonly code: AppErrorCode,
    message: string,
  ) {
    super(message);
    this.name = 'AppError';
  }
}

export function isAppError(error: unknown): error is AppError {
  return error instanceof AppError;
}
