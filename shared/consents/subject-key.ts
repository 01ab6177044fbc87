import type { Caller } from '../identity/caller.ts';
import { isPersonKey } from '../privacy/personal-ids.ts';
import type { SubjectIdType } from '../subjects/subject-id.ts';

/**
 * The key a subject caller is stored under: its `orgId` as it is (a USCC, or a person's look-up key
 * `P_…`: `protectCaller` replaced the number at the HTTP boundary, so none reaches a consent or a log entry).
 */
export const callerSubjectKey = (caller: Caller): { id: string; type: SubjectIdType } => ({ id: caller.orgId, type: subjectTypeOfKey(caller.orgId) });

/** The type of a stored subject key. */
export const subjectTypeOfKey = (key: string): SubjectIdType => (isPersonKey(key) ? 'residentId' : 'uscc');
