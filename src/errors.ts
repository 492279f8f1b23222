/**
 * The one error type for problems the user can fix, and the exit codes crss promises.
 * Only src/main.ts turns errors into exit codes; everything else throws.
 */
export const ExitCode = {
  ok: 0,
  /** Problems found (validate) or an operation that failed. */
  failure: 1,
  /** Usage error: unknown option, bad value, missing path, unknown topic or deck. */
  usage: 2,
  /** The data folder is held by another crss process (BSD sysexits EX_TEMPFAIL). */
  locked: 75,
  /** Interrupted by Ctrl-C (128 + SIGINT). */
  interrupted: 130,
  /** The terminal went away (128 + SIGHUP). */
  hangup: 129,
  /** Asked to stop (128 + SIGTERM). */
  terminated: 143,
} as const;

export type ExitCodeValue = (typeof ExitCode)[keyof typeof ExitCode];

/** A problem the user can fix. Its message is one line, printed as `crss: <message>`. */
export class CrssError extends Error {
  constructor(
    message: string,
    readonly exitCode: ExitCodeValue = ExitCode.failure,
  ) {
    super(message);
    this.name = 'CrssError';
  }
}

/** A usage error (exit 2). */
export function usageError(message: string): CrssError {
  return new CrssError(message, ExitCode.usage);
}

/** Thrown when the user interrupts (Ctrl-C); main exits 130 without a message. */
export class Interrupted extends Error {
  constructor() {
    super('interrupted');
    this.name = 'Interrupted';
  }
}
