/**
 * Preloaded into a crss process (NODE_OPTIONS=--require) to give it a clock that runs CRSS_TEST_CLOCK_SKEW_MS
 * ahead (or behind, when negative) of the real one, as a machine with a wrongly set clock has.
 * Only `Date` moves: timers and performance.now() are not clocks of the wall.
 */
'use strict';
const skew = Number(process.env.CRSS_TEST_CLOCK_SKEW_MS);
if (!Number.isFinite(skew)) throw new Error('skewed-clock.cjs needs CRSS_TEST_CLOCK_SKEW_MS');
const RealDate = Date;
class SkewedDate extends RealDate {
  constructor(...args) {
    if (args.length === 0) super(RealDate.now() + skew);
    else super(...args);
  }
  static now() {
    return RealDate.now() + skew;
  }
}
globalThis.Date = SkewedDate;
