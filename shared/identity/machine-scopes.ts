/**
 * What a department's system (a machine client, OAuth 2.0 client credentials) may be granted, by the credit
 * office, per client (docs/machine-clients.md). A route offered to machines names the scopes any one of which
 * lets a token call it; API Gateway checks them on AWS (the route's authorization scopes), the local gateway
 * the same way. A person's token never carries scopes: its role decides, as before.
 */
export const machineScopes = ['checks:run', 'checks:outcome', 'records:write', 'matters:report'] as const;
export type MachineScope = (typeof machineScopes)[number];

export const machineScopeLabels: Record<MachineScope, string> = {
  'checks:run': '信用核查（含批量核查、查看核查与回执）',
  'checks:outcome': '登记核查结果',
  'records:write': '报送与更正信用记录',
  'matters:report': '报送办件（办理的行政管理事项）',
};

/** The audience every machine token is issued for and the machine API's authorizer accepts. */
export const machineAudience = (countyId: string): string => `credit-platform-${countyId}-machine-api`;
