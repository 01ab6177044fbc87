import type { CountyConfig } from '../../shared/config/county-config.ts';
import type { Role } from '../../shared/identity/roles.ts';

/**
 * Demo matter lists (事项清单, shared/matter-lists), through the real API: dept-finance's and dept-market's lists
 * filed and approved by the credit office (their item codes are those the demo matters name: ZC-001, SC-001),
 * dept-housing's filed and awaiting review, so that the office's review page has one to review. Each submission
 * carries an Idempotency-Key and a repeated review is a 409, so a restart adds nothing twice.
 */
export async function loadDemoMatterLists(options: { county: CountyConfig; apiUrl: string; token: (role: Role, orgId: string) => Promise<string> }) {
  const lists: { orgId: string; approve: boolean; items: unknown[] }[] = [
    {
      orgId: 'dept-finance',
      approve: true,
      items: [
        { itemId: 'ZC-001', matterType: 'procurement', name: '政府采购供应商资格审查', legalBasis: '《中华人民共和国政府采购法》第二十二条', checkRequired: true, reportRequired: true, measures: [] },
        { itemId: 'ZC-002', matterType: 'fund-support', name: '财政专项资金扶持审核', legalBasis: '财政专项资金管理办法', checkRequired: true, reportRequired: false, measures: [] },
      ],
    },
    {
      orgId: 'dept-market',
      approve: true,
      items: [
        { itemId: 'SC-001', matterType: 'market-access', name: '市场主体登记', legalBasis: '《中华人民共和国市场主体登记管理条例》', checkRequired: true, reportRequired: false, measures: [] },
        { itemId: 'SC-002', matterType: 'administrative-approval', name: '食品经营许可', legalBasis: '《中华人民共和国食品安全法》第三十五条', checkRequired: true, reportRequired: false, measures: [] },
      ],
    },
    {
      orgId: 'dept-housing',
      approve: false,
      items: [{ itemId: 'JS-001', matterType: 'qualification-review', name: '建筑业企业资质审查', legalBasis: '《建筑业企业资质管理规定》', checkRequired: true, reportRequired: true, measures: [] }],
    },
  ];
  const types = new Set(options.county.matterTypes.map((m) => m.id));
  for (const list of lists) {
    const items = list.items.filter((i) => types.has((i as { matterType: string }).matterType));
    if (items.length === 0) continue;
    const headers = { 'content-type': 'application/json', authorization: `Bearer ${await options.token('department', list.orgId)}`, 'idempotency-key': `demo-matter-list-${list.orgId}` };
    const submitted = await fetch(`${options.apiUrl}/matter-lists`, { method: 'POST', headers, body: JSON.stringify({ items, comment: '本部门事项清单（示范数据）' }) });
    const version = (await submitted.json()) as { version?: number };
    // 409: a later version awaits review (filed on the console since): the demo's own stands.
    if (submitted.status === 409) continue;
    if (submitted.status !== 201 && submitted.status !== 200) throw new Error(`demo matter list of ${list.orgId} refused: ${JSON.stringify(version)}`);
    if (!list.approve) continue;
    const reviewed = await fetch(`${options.apiUrl}/matter-lists/${list.orgId}/versions/${version.version}/review`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${await options.token('creditOffice', 'credit-office')}` },
      body: JSON.stringify({ decision: 'approve', comment: '同意备案' }),
    });
    if (reviewed.status !== 200 && reviewed.status !== 409) throw new Error(`demo matter list review of ${list.orgId} refused: ${await reviewed.text()}`);
  }
}
