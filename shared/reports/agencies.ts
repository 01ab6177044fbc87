import type { z } from 'zod';
import type { registerAgencyBody, updateAgencyBody } from './api.ts';
import type { Caller } from '../identity/caller.ts';
import { conflict, forbidden, notFound } from '../errors/domain-errors.ts';
import { getAgency, listAgencies, putNewAgency, setAgencyStatus, type Agency } from './agency-store.ts';

/** The register of credit service agencies (信用服务机构备案), kept by the credit office. */
export async function registerAgency(body: z.output<typeof registerAgencyBody>, now: Date): Promise<Agency> {
  const agency: Agency = { ...body, status: 'active', registeredAt: now.toISOString() };
  if (!(await putNewAgency(agency))) throw conflict(`an organisation "${body.agencyId}" is already registered`, 'body.agencyId');
  return agency;
}

export async function changeAgencyStatus(agencyId: string, body: z.output<typeof updateAgencyBody>, caller: Caller, now: Date): Promise<Agency> {
  const agency = await setAgencyStatus(agencyId, { ...body, at: now.toISOString(), by: caller.orgId });
  if (!agency) throw notFound(`registered agency "${agencyId}"`);
  return agency;
}

/** Public information: who is registered, with which filing, and whether it may issue reports now. */
export async function publicAgencies() {
  const agencies = await listAgencies();
  return agencies
    .sort((a, b) => a.agencyId.localeCompare(b.agencyId))
    .map(({ agencyId, name, uscc, filingNumber, filingAuthority, status }) => ({ agencyId, name, uscc, filingNumber, filingAuthority, status }));
}

/** The calling agency, if it is registered and active; otherwise 403 saying why. */
export async function requireActiveAgency(caller: Caller): Promise<Agency> {
  const agency = await getAgency(caller.orgId);
  if (!agency) throw forbidden(`organisation "${caller.orgId}" is not a registered credit service agency of this county`);
  if (agency.status !== 'active') throw forbidden(`agency "${caller.orgId}" is ${agency.status}: it may not upload reports`);
  return agency;
}
