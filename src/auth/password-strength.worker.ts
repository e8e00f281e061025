import { ZxcvbnFactory, type FeedbackType } from '@zxcvbn-ts/core';
import * as common from '@zxcvbn-ts/language-common';
import * as english from '@zxcvbn-ts/language-en';
import { foldForSearch } from '../domain/text/fold';
import type {
  PasswordStrengthInput,
  PasswordStrengthVerdict,
  StrengthFeedback,
} from './password-strength.tasks';
import { VIETNAMESE_PASSWORD_WORDS } from './vietnamese-password-words';

/**
 * Only the first characters are analysed: the matching grows with the length, and what follows a
 * weak start of this length still only adds to it (a longer password is never judged weaker).
 */
const ANALYSED_LENGTH = 100;

let estimator: ZxcvbnFactory | undefined;

/** Built once per worker thread (the dictionaries take about half a second to rank). */
function theEstimator(): ZxcvbnFactory {
  estimator ??= new ZxcvbnFactory({
    dictionary: {
      ...common.dictionary,
      ...english.dictionary,
      // Named as the library names its own lists, so its feedback reads right ("a common name").
      ...VIETNAMESE_PASSWORD_WORDS,
    },
    graphs: common.adjacencyGraphs,
    // No translations: feedback comes back as stable keys, translated by the caller.
    maxLength: ANALYSED_LENGTH,
  });
  return estimator;
}

/**
 * Judges the password as typed, and folded the way Vietnamese is typed without tone marks, with
 * and without its spaces ("Mật khẩu" → "mat khau", "matkhau"), and keeps the weakest verdict: tone
 * marks make a dictionary word look random to the estimator, not to a guesser.
 */
export function judgePassword(input: PasswordStrengthInput): PasswordStrengthVerdict {
  const userInputs = wordsOf(input.userInputs);
  const folded = foldForSearch(input.password);
  const forms = new Set([input.password, folded, folded.replace(/ /g, '')]);
  const results = [...forms]
    .filter((form) => form.length > 0)
    .map((form) => theEstimator().check(form, userInputs));
  const weakest = results.reduce((weaker, result) =>
    result.score < weaker.score ? result : weaker,
  );
  return {
    score: weakest.score,
    ...translated(weakest.feedback),
  };
}

/** Each input as given, folded, folded without spaces, and each folded word of it. */
function wordsOf(inputs: string[]): string[] {
  const words = new Set<string>();
  for (const input of inputs) {
    const folded = foldForSearch(input);
    words.add(folded);
    words.add(folded.replace(/[\s._-]+/g, ''));
    for (const word of folded.split(/[\s._-]+/)) if (word.length >= 2) words.add(word);
  }
  words.delete('');
  return [...words];
}

function translated(feedback: FeedbackType): Omit<PasswordStrengthVerdict, 'score'> {
  const { warnings, suggestions } = english.translations as {
    warnings: Record<string, string>;
    suggestions: Record<string, string>;
  };
  const of = (texts: Record<string, string>, key: string): StrengthFeedback => ({
    key,
    en: texts[key] ?? key,
  });
  return {
    warning: feedback.warning ? of(warnings, feedback.warning) : null,
    suggestions: feedback.suggestions.map((key) => of(suggestions, key)),
  };
}
