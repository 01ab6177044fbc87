import { cadenceScenario } from '../support/cadence-scenario.ts';

// Wuchang: a usage list every quarter, by the 25th of the month after it; on 2026-11-23 that is Q4,
// due Monday 2027-01-25. The November month end is not a period end here: nothing happens on it.
cadenceScenario('wuchang', { period: '2026-Q4', dueDay: '2027-01-25', reminderDay: '2027-01-20' });
