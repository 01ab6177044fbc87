import { addDays, addMonthsClamped, localDate } from '../../shared/calendar/dates.ts';
import type { CountyConfig } from '../../shared/config/county-config.ts';
import type { Role } from '../../shared/identity/roles.ts';
import { now } from '../../shared/time/clock.ts';
import { usccCheckCharacter } from '../../shared/subjects/uscc.ts';

/**
 * A small national list for the demo (issue 18, docs/exchange.md "Inbound"), uploaded by the credit office through
 * the real route: the SPC's list of dishonest judgment debtors as a full list (two companies of the county), then a
 * changes file repairing one of them (信用修复), and the procurement ban list. A check of the first company shows
 * the county's punishment resting on its entry, with the list's source and date. The same files on the same day are
 * the same imports: a restart adds nothing twice.
 */
export interface DemoNationalSubject {
  name: string;
  uscc: string;
}

export function demoNationalSubjects(county: CountyConfig): { debtor: DemoNationalSubject; repaired: DemoNationalSubject; barred: DemoNationalSubject } {
  const code = (body: string) => `91${county.divisionCode}${body}${usccCheckCharacter(`91${county.divisionCode}${body}`)}`;
  return {
    debtor: { name: `${county.name}被执行示范建材有限公司`, uscc: code('MA3NL7Q52') },
    repaired: { name: `${county.name}已履行示范物流有限公司`, uscc: code('MA3NL7Q53') },
    barred: { name: `${county.name}禁入示范科技有限公司`, uscc: code('MA3NL7Q54') },
  };
}

const spcHeader = ['被执行人姓名/名称', '身份证号码/组织机构代码', '法定代表人或者负责人姓名', '执行法院', '省份', '执行依据文号', '立案时间', '案号', '做出执行依据单位', '生效法律文书确定的义务', '被执行人的履行情况', '失信被执行人行为具体情形', '发布时间'];
const csv = (rows: string[][]) => Buffer.from(`\ufeff${rows.map((r) => r.join(',')).join('\r\n')}\r\n`, 'utf8').toString('base64');

export async function loadDemoNationalLists(options: { county: CountyConfig; apiUrl: string; token: (role: Role, orgId: string) => Promise<string> }): Promise<void> {
  const { county, apiUrl } = options;
  const taken = new Set(county.nationalLists.sources.map((s) => s.source));
  const today = localDate(now(), county.timeZone);
  const { debtor, repaired, barred } = demoNationalSubjects(county);
  const court = `${county.name}人民法院`;
  const spcRow = (s: DemoNationalSubject, caseNumber: string, listedOn: string) => [s.name, s.uscc, '王示范', court, '', `（2025）${county.name}民初88号`, addDays(listedOn, -60), caseNumber, court, '支付货款人民币十万元及利息', '全部未履行', '有履行能力而拒不履行生效法律文书确定义务', listedOn];
  const debtorCase = `（2026）${county.name}执100号`;
  const repairedCase = `（2026）${county.name}执101号`;
  const uploads: { source: string; listDate: string; mode: 'full' | 'changes'; fileName: string; content: string }[] = [];
  if (taken.has('spc-dishonest-debtors'))
    uploads.push(
      { source: 'spc-dishonest-debtors', listDate: addDays(today, -2), mode: 'full', fileName: '失信被执行人名单（演示）.csv', content: csv([spcHeader, spcRow(debtor, debtorCase, addDays(today, -40)), spcRow(repaired, repairedCase, addDays(today, -90))]) },
      {
        source: 'spc-dishonest-debtors',
        listDate: addDays(today, -1),
        mode: 'changes',
        fileName: '失信被执行人名单变更（演示）.csv',
        content: csv([[...spcHeader, '状态'], [...spcHeader.map((h) => (h === '身份证号码/组织机构代码' ? repaired.uscc : h === '案号' ? repairedCase : '')), '信用修复']]),
      },
    );
  if (taken.has('procurement-serious-violations'))
    uploads.push({
      source: 'procurement-serious-violations',
      listDate: addDays(today, -2),
      mode: 'full',
      fileName: '政府采购严重违法失信行为记录名单（演示）.csv',
      content: csv([
        ['企业名称', '统一社会信用代码', '企业地址', '严重违法失信行为的具体情形', '处罚结果', '处罚依据', '处罚日期', '公布日期', '公布截止日期', '执法单位'],
        [barred.name, barred.uscc, `${county.name}示范路1号`, '提供虚假材料谋取中标', '罚款，一年内禁止参加政府采购活动', '《中华人民共和国政府采购法》第七十七条', addDays(today, -30), addDays(today, -28), addMonthsClamped(addDays(today, -30), 12), `${county.name}财政局`],
      ]),
    });
  const headers = { 'content-type': 'application/json', authorization: `Bearer ${await options.token('creditOffice', 'credit-office')}` };
  for (const body of uploads) {
    const answer = await fetch(`${apiUrl}/national-lists/imports`, { method: 'POST', headers, body: JSON.stringify(body) });
    // 409: a list dated after the demo's is already applied (a data folder that ran ahead): it stands.
    if (answer.status !== 201 && answer.status !== 200 && answer.status !== 409) throw new Error(`demo national list ${body.fileName} refused: ${await answer.text()}`);
  }
}
