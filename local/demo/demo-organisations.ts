import type { CountyConfig } from '../../shared/config/county-config.ts';
import type { Role } from '../../shared/identity/roles.ts';
import { usccCheckCharacter } from '../../shared/subjects/uscc.ts';
import { demoSubjects } from './demo-records.ts';

/**
 * Demo organisations of a local county platform, one or more per role. The subject is the demo
 * company with a clean history (its USCC passes the GB 32100 check), so its token sees its own record.
 * The institution is a fictitious bank that queries the demo company with its consent (demo-consents.ts).
 */
export interface DemoOrganisation {
  orgId: string;
  role: Role;
  name: string;
  /** Unified social credit code, where the organisation is a legal person. */
  uscc?: string;
  /** Agencies: the register's filing and status (an agency without them is not a registered agency). */
  agencyId?: string;
  filingNumber?: string;
  filingAuthority?: string;
  status?: 'active' | 'suspended' | 'revoked';
}

/** The demo bank (role `institution`): its orgId is its unified social credit code, in the county's division. */
export function demoInstitution(county: CountyConfig): DemoOrganisation {
  const first17 = `91${county.divisionCode}MA7BNK6Y2`;
  const uscc = first17 + usccCheckCharacter(first17);
  return { orgId: uscc, role: 'institution', name: `示范商业银行股份有限公司${county.name}支行`, uscc };
}

export function demoOrganisations(county: CountyConfig): DemoOrganisation[] {
  const company = demoSubjects(county).find((s) => s.key === 'good')!;
  const registered = (agencyId: string, n: string, status: 'active' | 'suspended') => ({
    agencyId,
    filingNumber: `信备〔2026〕${n}号`,
    filingAuthority: `${county.name}社会信用体系建设领导小组办公室`,
    status,
  });
  return [
    { orgId: 'credit-office', role: 'creditOffice', name: `${county.name}社会信用体系建设领导小组办公室` },
    { orgId: 'dept-finance', role: 'department', name: `${county.name}财政局（政府采购）` },
    { orgId: 'dept-market', role: 'department', name: `${county.name}市场监督管理局` },
    { orgId: 'dept-housing', role: 'department', name: `${county.name}住房和城乡建设局` },
    { orgId: 'dept-tax', role: 'department', name: `${county.name}税务局` },
    { orgId: 'dept-court', role: 'department', name: `${county.name}人民法院` },
    { orgId: 'agency-xinyuan', role: 'agency', name: '信源信用评估有限公司', uscc: '91410425MA3AGN8K1W', ...registered('agency-xinyuan', '001', 'active') },
    { orgId: 'agency-huaxin', role: 'agency', name: '华信征信服务有限公司', uscc: '91410425MA4PMHXK71', ...registered('agency-huaxin', '002', 'suspended') },
    { orgId: company.uscc!, role: 'subject', name: company.name, uscc: company.uscc },
    demoInstitution(county),
  ];
}
