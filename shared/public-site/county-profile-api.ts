import * as z from 'zod';
import { calendarDate } from '../calendar/date-schema.ts';
import { commitmentModes } from '../config/county-config.ts';

export const countyProfileQuery = z.object({
  date: calendarDate()
    .optional()
    .describe('Day to compute the working-day facts for; today in the county by default'),
});

export const countyProfileBody = z
  .object({
    id: z.string(),
    divisionCode: z.string(),
    name: z.string(),
    siteName: z.string(),
    creditOfficeName: z.string(),
    timeZone: z.string(),
    date: z.string(),
    isWorkingDay: z.boolean(),
    publicationDeadlineForDecisionToday: z.string(),
    objectionAnswerDeadlineForNoticeToday: z.string(),
    reportValidUntilForIssueToday: z.string(),
    usageList: z.object({ period: z.enum(['monthly', 'quarterly']), dueDay: z.number(), nextDue: z.string() }),
    matterTypes: z.array(z.object({ id: z.string(), name: z.string() })),
    commitments: z
      .array(z.object({ mode: z.enum(commitmentModes), modeLabel: z.string(), matterTypes: z.array(z.string()) }))
      .describe("The commitments the county's notice offers at the point of approval (告知承诺, 容缺受理, 信用承诺), each for its matter types: what POST /checks `commitment` accepts"),
  })
  .meta({ id: 'CountyProfile' });
