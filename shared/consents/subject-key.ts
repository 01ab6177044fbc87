import type { Caller } from '../identity/caller.ts';
import { isPersonKey, personKey } from '../privacy/personal-ids.ts';
import { isValidResidentId } from '../subjects/resident-id.ts';
import type { SubjectIdType } from '../subjects/subject-id.ts';

/**
 * The key a subject caller is stored under: its `orgId` as it is (a USCC, or a person's look-up key
 * `P_…`). A token that still carries a person's ID number itself is keyed here too, so that no
 * consent or log entry ever holds the number.
 */
export async function callerSubjectKey(caller: Caller): Promise<{ id: string; type: SubjectIdType }> {
  if (isPersonKey(caller.orgId)) return { id: caller.orgId, type: 'residentId' };
  if (isValidResidentId(caller.orgId)) return { id: await personKey(caller.orgId), type: 'residentId' };
  return { id: caller.orgId, type: 'uscc' };
}

/** The type of a stored subject key. */
export const subjectTypeOfKey = (key: string): SubjectIdType => (isPersonKey(key) ? 'residentId' : 'uscc');
