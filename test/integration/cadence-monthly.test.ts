import { cadenceScenario } from '../support/cadence-scenario.ts';

// Zanhuang: a usage list every month, by the 25th of the next (赞皇县 notice); on 2026-11-23 that is
// November's, due Friday 2026-12-25, reminded on Tuesday 12-22.
cadenceScenario('zanhuang', { period: '2026-11', dueDay: '2026-12-25', reminderDay: '2026-12-22' });
