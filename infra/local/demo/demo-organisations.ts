import type { Role } from '../../../shared/identity/roles.ts';

/**
 * Demo organisations of a local county platform, one or more per role, with valid codes.
 * The subject codes pass their GB 32100 / GB 11643 checks; the person is fictitious.
 */
export interface DemoOrganisation {
  orgId: string;
  role: Role;
  name: string;
  /** Unified social credit code, where the organisation is a legal person. */
  uscc?: string;
}

export const demoOrganisations = (countyName: string): DemoOrganisation[] => [
  { orgId: 'credit-office', role: 'creditOffice', name: `${countyName}社会信用体系建设领导小组办公室` },
  { orgId: 'dept-finance', role: 'department', name: `${countyName}财政局（政府采购）` },
  { orgId: 'dept-market', role: 'department', name: `${countyName}市场监督管理局` },
  { orgId: 'dept-housing', role: 'department', name: `${countyName}住房和城乡建设局` },
  { orgId: 'agency-xinyuan', role: 'agency', name: '信源信用评估有限公司', uscc: '91410425MA9XK7YB3Q' },
  { orgId: '91410425MA45E8TH52', role: 'subject', name: '郏县示范建材有限公司', uscc: '91410425MA45E8TH52' },
];
