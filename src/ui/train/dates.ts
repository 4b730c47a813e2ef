// The sentences of dated events (OpenAI's job-creation deadline, base-model shutdowns), worded by where the date
// stands today (lib/models/catalog.ts datePhase): days left, tomorrow, today, or past tense once the day is over.
// Shared by the header (LibraryBar), the Train tab and its pre-flight check so they never disagree.
import { JOB_CREATION_DEADLINE, datePhase } from '../../lib/models/catalog';
import type { Translate as T } from '../../lib/i18n/catalog';

/** Milliseconds from `now` to the start of the next UTC day, when every sentence here may change its wording. */
export function msToNextUtcDay(now: Date): number {
  return Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate() + 1) - now.getTime();
}

/**
 * Calls `onDay` a second after the UTC midnight that follows `now`, so a page left open rewords its dates; returns
 * the cancel function (an $effect's cleanup). An unreadable clock arms nothing (its sentences name only dates).
 */
export function atNextUtcDay(now: Date, onDay: () => void): () => void {
  const wait = msToNextUtcDay(now);
  if (!Number.isFinite(wait)) return () => {};
  const timer = setTimeout(onDay, wait + 1000);
  return () => clearTimeout(timer);
}

/** The header's deadline sentence, e.g. "OpenAI stopped accepting new fine-tuning jobs on 2027-01-06." */
export function deadlineSentence(t: T, today: Date): string {
  const date = JOB_CREATION_DEADLINE;
  const p = datePhase(date, today);
  if (p.phase === 'ahead') return t('model.deadline', { date, days: p.days });
  // An unreadable clock says nothing it cannot know: the bare date, without a count.
  if (p.phase === 'unknown') return t('model.deadline.unknown', { date });
  return t(`model.deadline.${p.phase}`, { date });
}

/** The header's sentence for a base model's shutdown date, e.g. "Base model shut down on 2027-01-14." */
export function shutdownSentence(t: T, date: string, today: Date): string {
  const p = datePhase(date, today);
  return p.phase === 'ahead' || p.phase === 'unknown' ? t('model.shutdown', { date }) : t(`model.shutdown.${p.phase}`, { date });
}

/** The pre-flight's clause after the model name, e.g. "— shut down on 2027-01-14; its fine-tunes no longer work." */
export function shutdownClause(t: T, date: string, today: Date): string {
  const p = datePhase(date, today);
  if (p.phase === 'ahead') return t('train.pre.shutdown', { date, left: t('train.daysLeft', { days: p.days }) });
  if (p.phase === 'unknown') return t('train.pre.shutdown.unknown', { date });
  return t(`train.pre.shutdown.${p.phase}`, { date });
}

/** The pre-flight's deadline value, e.g. "2027-01-06 (tomorrow, 1 day left)" or "2027-01-06 (passed)". */
export function deadlineValue(t: T, today: Date): string {
  const date = JOB_CREATION_DEADLINE;
  const p = datePhase(date, today);
  const left = {
    ahead: () => t('train.daysLeft', { days: p.days }),
    tomorrow: () => t('train.pre.deadlineTomorrow'),
    today: () => t('train.pre.deadlineToday'),
    past: () => t('train.pre.passed'),
    unknown: () => null,
  }[p.phase]();
  return left === null ? date : t('train.pre.deadlineValue', { date, left });
}
