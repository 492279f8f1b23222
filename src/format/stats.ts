/** The stats screen as text that fits 80 columns; colour only adds emphasis, never meaning. */
import { addDays, dayKey, startOfDay } from '../core/day.js';
import { FORECAST_DAYS, HEATMAP_WEEKS, type Mastery, type Stats } from '../core/stats.js';
import type { Colors } from '../terminal/color.js';
import { sanitizeLine } from '../terminal/sanitize.js';

const BLOCKS = ' ▁▂▃▄▅▆▇█';
const SHADES = ['·', '░', '▒', '▓', '█'];
const pct = (n: number) => `${Math.round(n * 100)}%`;
const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;

function meter(value: number, width = 10): string {
  const full = Math.round(value * width);
  return `${'█'.repeat(full)}${'░'.repeat(width - full)}`;
}

/** A vertical bar chart, `height` rows, one column per day with a space between. */
export function formatForecast(forecast: number[], height = 5): string[] {
  const max = Math.max(1, ...forecast);
  const label = String(max).length;
  const rows: string[] = [];
  for (let row = height - 1; row >= 0; row--) {
    const cells = forecast.map((n) => {
      const level = (n / max) * height - row;
      return level >= 1 ? '█' : level > 0 ? BLOCKS[Math.max(1, Math.round(level * 8))]! : ' ';
    });
    const axis = row === height - 1 ? String(max).padStart(label) : ' '.repeat(label);
    rows.push(`  ${axis} │${cells.join('')}`.trimEnd());
  }
  rows.push(`  ${' '.repeat(label)} └${'─'.repeat(forecast.length)}`);
  // Labels sit under their day's column: today, +10, +20, +29.
  const ticks = new Array<string>(forecast.length + 3).fill(' ');
  for (const [day, text] of [[0, 'today'], [10, '+10'], [20, '+20'], [forecast.length - 1, `+${forecast.length - 1}`]] as const) {
    [...text].forEach((ch, i) => (ticks[day + i] = ch));
  }
  rows.push(`  ${' '.repeat(label)}  ${ticks.join('').trimEnd()}`);
  return rows;
}

/** 7 rows (Mon..Sun) by 12 weeks, shaded by reviews that day. */
export function formatHeatmap(reviewsByDay: Record<string, number>, now: Date): string[] {
  const today = startOfDay(now);
  const mondayOffset = (today.getDay() + 6) % 7;
  const firstMonday = addDays(today, -mondayOffset - (HEATMAP_WEEKS - 1) * 7);
  const max = Math.max(1, ...Object.values(reviewsByDay));
  const names = ['Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat', 'Sun'];
  return names.map((name, weekday) => {
    const cells: string[] = [];
    for (let week = 0; week < HEATMAP_WEEKS; week++) {
      const day = addDays(firstMonday, week * 7 + weekday);
      if (day > today) {
        cells.push(' ');
        continue;
      }
      const n = reviewsByDay[dayKey(day)] ?? 0;
      cells.push(n === 0 ? SHADES[0]! : SHADES[Math.min(4, 1 + Math.floor((n / max) * 3.999))]!);
    }
    return `  ${name} ${cells.join(' ')}`.trimEnd();
  });
}

function masteryRows(entries: Record<string, Mastery>, label: (name: string) => string = (name) => name): string[] {
  return Object.entries(entries).map(([name, m]) => `  ${sanitizeLine(label(name)).padEnd(30).slice(0, 30)} ${String(m.cards).padStart(5)} ${String(m.studied).padStart(8)}   ${meter(m.mastery)} ${pct(m.mastery).padStart(4)}`);
}

/** Cards of no exam domain (the credential deck's) are counted under 'none' in --json; on screen, said so. */
function domainLabel(name: string): string {
  return name === 'none' ? 'no exam domain' : name;
}

/** A screen lists the weakest topics only; `--json` and `--topic` give every one. */
const WEAKEST_TOPICS = 10;

function weakestTopics(byTopic: Record<string, Mastery>): Record<string, Mastery> {
  const sorted = Object.entries(byTopic).sort(([a, x], [b, y]) => x.mastery - y.mastery || a.localeCompare(b));
  return Object.fromEntries(sorted.slice(0, WEAKEST_TOPICS));
}

export function formatStats(stats: Stats, now: Date, colors: Colors): string {
  const h = (s: string) => colors.bold(s);
  const topicCount = Object.keys(stats.byTopic).length;
  const { states } = stats;
  const lines = [
    h('Cards'),
    `  new ${states.new} · learning ${states.learning} · review ${states.review} · suspended ${states.suspended} · due today ${stats.dueToday}`,
    `  ${plural(stats.reviews, 'review')} so far; ${plural(stats.due, 'card')} due now${stats.missedWaiting > 0 ? ` (${stats.missedWaiting} missed in quizzes)` : ''}`,
    '',
    h(`Due in the next ${FORECAST_DAYS} days`),
    ...formatForecast(stats.forecast),
    '',
    h(`Reviews per day, last ${HEATMAP_WEEKS} weeks (· none, ░ ▒ ▓ █ more)`),
    ...formatHeatmap(stats.reviewsByDay, now),
    '',
    h('Retention'),
    stats.retention.true === null
      ? `  true retention: no mature-card reviews in the last 30 days · desired ${pct(stats.retention.desired)}`
      : `  true retention (last 30 days): ${pct(stats.retention.true)} of ${stats.retention.reviews} reviews · desired ${pct(stats.retention.desired)}`,
    '',
    h(`${'Mastery by domain'.padEnd(32)} cards  studied   mastery`),
    ...masteryRows(stats.byDomain, domainLabel),
    '',
    h(`${(topicCount > WEAKEST_TOPICS ? `Weakest ${WEAKEST_TOPICS} of ${topicCount} topics` : 'Mastery by topic').padEnd(32)} cards  studied   mastery`),
    ...masteryRows(weakestTopics(stats.byTopic)),
    '',
    h('Leeches'),
    stats.leeches.length === 0 ? '  none' : `  ${stats.leeches.map(sanitizeLine).join(', ')} (rewrite them, then crss unsuspend)`,
    '',
    ...formatPractice(stats, colors),
  ];
  if (stats.readiness) lines.push('', ...formatReadiness(stats, colors));
  return lines.join('\n');
}

export function formatReadiness(stats: Stats, colors: Colors): string[] {
  const r = stats.readiness!;
  return [
    colors.bold(`Exam readiness: exam on ${r.examDate}, ${r.daysLeft} day${r.daysLeft === 1 ? '' : 's'} left`),
    `  predicted recall on exam day: ${pct(r.overall)} overall (if you stop studying now)`,
    ...Object.entries(r.byDomain).map(([d, v]) => `    ${domainLabel(d).padEnd(30)} ${meter(v)} ${pct(v).padStart(4)}`),
    `  most at risk:${r.atRisk.length === 0 ? ' none yet' : ''}`,
    ...r.atRisk.map((a) => `    ${sanitizeLine(a.card).padEnd(60).slice(0, 60)} ${pct(a.recall).padStart(4)}`),
    `  to see every card before the exam: about ${plural(r.reviewsPerDayNeeded, 'review')} a day`,
  ];
}

/** Practice exams (latest score, the trend) and quiz accuracy by domain, and the domain to practise next. */
export function formatPractice(stats: Stats, colors: Colors): string[] {
  const p = stats.practice;
  const lines = [colors.bold(`Practice exams (pass mark ${p.passMark} of 100)`)];
  const latest = p.exams.at(-1);
  if (!latest) lines.push('  none yet (crss quiz --exam; --count 25 for a short one)');
  else {
    lines.push(`  latest: ${latest.score}/${latest.total} (${latest.percent}%) ${latest.passed ? 'PASS' : 'FAIL'} on ${dayKey(new Date(latest.at))}`);
    lines.push(`  ${p.exams.length === 1 ? 'score' : `last ${p.exams.length} scores, oldest first`}: ${p.exams.map((e) => Math.round(e.percent)).join(' ')}`);
  }
  lines.push('', colors.bold(`Quiz accuracy by domain, last 30 days`));
  const rows = Object.entries(p.accuracy);
  if (rows.length === 0) lines.push('  no quiz answers in the last 30 days (crss quiz)');
  for (const [d, t] of rows) lines.push(`  ${sanitizeLine(d).padEnd(30)} ${`${t.correct}/${t.total}`.padStart(9)}  ${pct(t.correct / t.total).padStart(4)}`);
  if (p.next) {
    const why = p.next.reason === 'accuracy' ? 'lowest quiz accuracy' : 'lowest mastery; no quizzes yet';
    lines.push(`  practise next: ${sanitizeLine(p.next.domain)} (${why})`, `    crss quiz --domain ${sanitizeLine(p.next.domain)}`);
  }
  return lines;
}
