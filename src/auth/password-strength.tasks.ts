import { workerTask } from '../workers/worker-task';

/** A password to judge, with the words of its owner it must not be made of. */
export interface PasswordStrengthInput {
  password: string;
  /** Username, display name, unit names: folded or not, the worker folds them too. */
  userInputs: string[];
}

/** One piece of the estimator's feedback: its stable key and the library's English text. */
export interface StrengthFeedback {
  key: string;
  en: string;
}

/** The estimator's verdict: a score from 0 (guessed at once) to 4 (out of reach). */
export interface PasswordStrengthVerdict {
  score: 0 | 1 | 2 | 3 | 4;
  warning: StrengthFeedback | null;
  suggestions: StrengthFeedback[];
}

/**
 * The estimate in a worker thread: zxcvbn's matching costs tens of milliseconds (hundreds for a
 * long password of repeats), and its dictionaries 40 MB, which the request thread should not carry.
 */
export const JUDGE_PASSWORD = workerTask<PasswordStrengthInput, PasswordStrengthVerdict>(
  require.resolve('./password-strength.worker'),
  'judgePassword',
);

/**
 * The lowest acceptable score: 3, "safely unguessable" in zxcvbn's terms (about 10^8 guesses or
 * more: out of reach online, and slow offline against this project's password hashing).
 */
export const MIN_PASSWORD_SCORE = 3;
