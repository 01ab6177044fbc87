import { cadenceScenario } from '../support/cadence-scenario.ts';

// Wuchang: a usage list every quarter, by the 25th of the month after it; on 2026-11-23 that is Q4,
// due Monday 2027-01-25. The November month end is not a period end here: nothing happens on it.
cadenceScenario('wuchang', {
  '2026-11-23': { period: '2026-Q4', dueDay: '2027-01-25', reminderDay: '2027-01-20' },
  // A quarter's last day is still in it: Q3, due Sunday 10-25, which Art. 203 moves to Monday 10-26.
  '2026-09-30': { period: '2026-Q3', dueDay: '2026-10-26', reminderDay: '2026-10-21' },
});
