import { cadenceScenario } from '../support/cadence-scenario.ts';

// Zanhuang: a usage list every month, by the 25th of the next (赞皇县 notice); on 2026-11-23 that is
// November's, due Friday 2026-12-25, reminded on Tuesday 12-22.
cadenceScenario('zanhuang', {
  '2026-11-23': { period: '2026-11', dueDay: '2026-12-25', reminderDay: '2026-12-22' },
  // In the Spring Festival holiday: February's list, due 2026-03-25 (a Wednesday), reminded on Friday 03-20.
  '2026-02-18': { period: '2026-02', dueDay: '2026-03-25', reminderDay: '2026-03-20' },
});
