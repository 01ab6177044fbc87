/**
 * The world of the isolation tests: two families of organisations that must not see each other's
 * private data, seeded through the API, and the marker strings that tell their data apart.
 *
 * Family A: department dept-a, the company it keeps records on, agency agency-a (reports on that company).
 * Family B: department dept-b, the person it keeps records on, agency agency-b (reports on that person).
 * The credit office sees everything (it stands in family A where a route needs "its own" resource).
 * A role this file does not know yet (one added to shared/identity/roles.ts later) gets two plain
 * organisations `<role>-a` and `<role>-b`, and sees nothing private.
 *
 * Every private thing a family has carries a marker `ISO-<family>-<KIND>-MARK` (a record out of
 * publicity, a check's matter, its outcome, a submitted usage list, an objection's reason, a repair's
 * commitment and id, a credit report, a pending upload, a public record's remarks and the reason it was
 * corrected), and the person's resident ID number and name are markers too. `markerVisible` says who may
 * see each kind, and why: an answer to anyone else must not hold it.
 *
 * Each family's public record (in its publicity period, so anyone may read it) is seeded with what the
 * public site leaves out: remarks (备注), a correction with a reason, a provider; family B's is about a
 * person, whose name and ID number the public sees masked. See isolation-projection.ts for the fields.
 */
import { addDays, localDate } from '../../shared/calendar/dates.ts';
import { workingDayCalendar } from '../../shared/calendar/working-day-calendar.ts';
import type { CountyConfig } from '../../shared/config/county-config.ts';
import { loadCounty } from '../../shared/config/load-counties.ts';
import { roles, type Role } from '../../shared/identity/roles.ts';
import { residentIdCheckDigit } from '../../shared/subjects/resident-id.ts';
import { usccCheckCharacter } from '../../shared/subjects/uscc.ts';
import { periodContaining } from '../../shared/usage-lists/usage-periods.ts';
import { demoPdf } from '../../local/demo/load-demo-data.ts';
import type { LocalPlatform } from '../../local/platform.ts';
import { functions } from '../../functions/catalog.ts';
import { eventually, send, type ApiAnswer, type ApiRequest, type Credentials } from './isolation-http.ts';

/** One narrative filing kind (issue 17 §5) for the world: Jiaxian's notice asks for none, and the filings routes need one to file. */
export const isolationFilingKind: CountyConfig['filings']['kinds'][number] = {
  id: 'iso-report',
  name: '隔离测试报告',
  contains: '隔离测试用的书面报送材料',
  due: { cadence: 'quarterly', dueDay: 25 },
  reminderWorkingDays: 3,
  source: { platformDefault: '隔离测试：郏县通知未要求书面报送材料，测试另设一种' },
};
const jiaxian = loadCounty('jiaxian');
/** Jiaxian, with a filing kind (its notice asks for none) and its bulletins public (no notice says so), so every route has something to answer. */
export const county: CountyConfig = {
  ...jiaxian,
  filings: { ...jiaxian.filings, kinds: [isolationFilingKind] },
  bulletins: { ...jiaxian.bulletins, publicSite: { publish: true, source: { platformDefault: 'isolation tests: the public path of bulletins' } } },
  // An upstream destination (issue 18), so the exchange routes have deliveries to list (to the local receiving endpoint).
  exchange: { ...jiaxian.exchange, destinations: [{ id: 'iso-city', name: '隔离测试市平台', transport: 'https', url: 'https://iso.example.invalid/in', personIdNumbers: 'masked', source: { platformDefault: 'isolation tests: a destination' } }] },
};
const calendar = workingDayCalendar(county.calendar);

export type Family = 'A' | 'B';
export const families: readonly Family[] = ['A', 'B'];
export const otherFamily = (f: Family): Family => (f === 'A' ? 'B' : 'A');

/** One caller: a role, the organisation its tokens carry, and its family. */
export interface Org {
  role: Role;
  orgId: string;
  family: Family;
  /** How the printed table names it. */
  label: string;
}

export const uscc = (body9: string): string => {
  const first17 = `91${county.divisionCode}${body9}`;
  return first17 + usccCheckCharacter(first17);
};
const residentId = (birth: string, serial: string): string => {
  const first17 = `${county.divisionCode}${birth}${serial}`;
  return first17 + residentIdCheckDigit(first17);
};

export const companyId = uscc('MA7Q0AA01');
export const personId = residentId('19880512', '357');
export const office: Org = { role: 'creditOffice', orgId: 'credit-office', family: 'A', label: 'credit office' };

const kebab = (role: string) => role.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`);

/** The organisations of each family, by role; any role not named here gets `<role>-a` and `<role>-b`. */
export function orgOf(role: Role, family: Family): Org {
  switch (role as string) {
    case 'department':
      return { role, orgId: family === 'A' ? 'dept-a' : 'dept-b', family, label: family === 'A' ? 'dept-a' : 'dept-b' };
    case 'subject':
      return { role, orgId: family === 'A' ? companyId : personId, family, label: family === 'A' ? 'company' : 'person' };
    case 'agency':
      return { role, orgId: family === 'A' ? 'agency-a' : 'agency-b', family, label: family === 'A' ? 'agency-a' : 'agency-b' };
    case 'creditOffice':
      return office;
    case 'institution':
      // A bank: its organisation id is its unified social credit code (the grantee of a consent).
      return { role, orgId: uscc(family === 'A' ? 'MA7Q0BK01' : 'MA7Q0BK02'), family, label: family === 'A' ? 'bank-a' : 'bank-b' };
    default:
      return { role, orgId: `${kebab(role)}-${family.toLowerCase()}`, family, label: `${kebab(role)}-${family.toLowerCase()}` };
  }
}

/** The callers of a role in the matrix: one per family, the credit office alone (there is one per county). */
export const callersOf = (role: Role): Org[] => (role === 'creditOffice' ? [office] : families.map((f) => orgOf(role, f)));
export const allCallers = (): Org[] => roles.flatMap(callersOf);

// ---------------------------------------------------------------------------------------------------
// Markers and who may see them
// ---------------------------------------------------------------------------------------------------

export const markerKinds = ['hidden', 'check', 'outcome', 'submitter', 'objection', 'repair', 'report', 'upload', 'consent', 'query', 'remarks', 'correction'] as const;
export type MarkerKind = (typeof markerKinds)[number] | 'residentId' | 'personName';
export const markerOf = (family: Family, kind: (typeof markerKinds)[number]) => `ISO-${family}-${kind.toUpperCase()}-MARK`;

export interface Marker {
  text: string;
  family: Family;
  kind: MarkerKind;
}

/** Who sees an answer: a caller, or nobody in particular (a public route answers everyone alike). */
export type Viewer = Org | 'anyone';

/** Route keys (`METHOD path`) whose answers carry a credit check's receipt. */
const isCheckRoute = (routeKey: string) => /^[A-Z]+ \/checks(\/|$)/.test(routeKey);
/** Routes that list a department's own checks for the usage list (the subjects it checked, by name). */
const isUsageListRoute = (routeKey: string) => /^[A-Z]+ \/usage-lists(\/|$)/.test(routeKey);
/** Routes that answer a department with the record it just pushed or corrected, resident ID whole (it sent it). */
const answersWithPushedRecord = (routeKey: string) => routeKey === 'POST /records' || routeKey === 'PUT /records/{id}';

/**
 * Whether `viewer` may see `marker` in an answer of `routeKey` to a request whose text is `requestText`.
 * The exceptions the law makes are here, each with its reason; everything else is private to its family.
 */
export function markerVisible(marker: Marker, viewer: Viewer, routeKey: string, requestText: string): boolean {
  if (viewer === 'anyone') return false;
  if (viewer.role === 'creditOffice') return true; // the credit office supervises everything (record-visibility.ts, case-access.ts)
  const own = (role: string) => viewer.role === role && viewer.family === marker.family;
  switch (marker.kind) {
    case 'hidden':
      // A record out of publicity: its provider and the subject it is about (canSeeRecord). Public
      // records in their publicity period are visible to all and carry no marker.
      return own('department') || own('subject');
    case 'check':
      // A department's checks: that department; and the subject checked, in "who looked at me" (list-my-checks).
      return own('department') || (own('subject') && routeKey === 'GET /me/checks');
    case 'outcome':
    case 'submitter':
      // How a department used a check, and its usage lists: that department (and the credit office).
      return own('department');
    case 'objection':
    case 'repair':
      // A case: the subject it is about and the department that provided the record (canSeeCase).
      return own('department') || own('subject');
    case 'report':
      // A credit report: its agency and its subject; and any department in a credit check, which shows
      // the subject's valid reports (run-check.ts: the check is the lawful purpose, 逢办必查).
      // An institution reads them with the subject's consent (run-query.ts).
      return own('agency') || own('subject') || (viewer.role === 'department' && isCheckRoute(routeKey)) || (own('institution') && routeKey === 'POST /queries');
    case 'upload':
      // A pending upload: only the agency that started it (reportUploadState).
      return own('agency');
    case 'consent':
      // A consent: the subject that granted it and the institution it was granted to (list-consents.ts).
      return own('subject') || own('institution');
    case 'query':
      // A consented query: the institution that made it, and the subject, in "who looked at me".
      return own('institution') || (own('subject') && routeKey === 'GET /me/checks');
    case 'remarks':
    case 'correction':
      // A record's remarks (备注) and why it was corrected: the platform's and the parties' business, not
      // the public's (the public site leaves them out, records/present-public-record.ts): its provider and its subject; a
      // department in a credit check of the subject and an institution in a consented query (the lawful
      // purpose); anyone else gets the public projection of the record, without them.
      return own('department') || own('subject') || (viewer.role === 'department' && isCheckRoute(routeKey)) || (own('institution') && routeKey === 'POST /queries');
    case 'personName':
      // A person's name whole: the person; those with a relation to it (the department that keeps its
      // records, the agency that reported on it, the institution it consented to); a department that
      // checked it (the check and its usage list). The public and anyone else: masked (乙**).
      return (
        own('subject') ||
        own('department') ||
        own('agency') ||
        own('institution') ||
        (viewer.role === 'department' && (isCheckRoute(routeKey) || isUsageListRoute(routeKey))) ||
        // The matrix's POST /records "other" makes each department the provider of a record about the other
        // family's subject (its copy, under its own number): it then sees that record, name and all (and lists it, GET /records).
        (viewer.role === 'department' && (routeKey === 'GET /subjects/{subjectId}/records' || routeKey === 'GET /records'))
      );
    case 'residentId':
      // Whole only for the person and the credit office; a department that pushes or corrects a
      // record about the person gets its own input back (push-records presents it unmasked).
      return own('subject') || (viewer.role === 'department' && answersWithPushedRecord(routeKey) && requestText.includes(marker.text));
  }
}

/** Markers `viewer` must not see in this answer (what it sent itself it may see echoed, except a resident ID). */
export function leakedMarkers(markers: readonly Marker[], viewer: Viewer, routeKey: string, requestText: string, answerText: string): Marker[] {
  return markers.filter(
    (m) => answerText.includes(m.text) && !markerVisible(m, viewer, routeKey, requestText) && (m.kind === 'residentId' || !requestText.includes(m.text)),
  );
}

// ---------------------------------------------------------------------------------------------------
// The seeded world
// ---------------------------------------------------------------------------------------------------

export interface FamilyWorld {
  family: Family;
  department: Org;
  subject: Org;
  agency: Org;
  subjectId: string;
  /** Record ids, by purpose. */
  records: {
    /** A penalty in its publicity period: everyone may see it. */
    public: string;
    /** A licence whose validity (its publicity) ended 30 days ago: private to its provider and subject. */
    hidden: string;
    /** Corrected by its provider in the matrix (PUT /records/{id}). */
    correct: string;
    /** Under the seeded objection. */
    objected: string;
    /** Under an objection the provider answers in the matrix. */
    toAnswer: string;
    /** Objected to by its subject in the matrix (POST /objections). */
    objectionTarget: string;
    /** Under the seeded repair application. */
    repaired: string;
    /** Under a repair application its provider decides in the matrix. */
    toDecide: string;
    /** Repair asked for by its subject in the matrix (POST /repairs). */
    repairTarget: string;
  };
  /**
   * What the public record holds that the public site does not show (remarks, the correction's reason,
   * its provider, a person's name and ID number whole): no caller without a relation may get any of them.
   */
  internals: { remarks: string; correctionReason: string; providerOrgId: string; subjectName: string; residentId?: string };
  /** Inputs as pushed, for a correction and for another department's push under the same number. */
  inputs: { correct: Record<string, unknown>; public: Record<string, unknown> };
  checkId: string;
  /** The Idempotency-Key the check was run with. */
  checkKey: string;
  outcome: Record<string, unknown>;
  objectionId: string;
  objectionToAnswerId: string;
  repairId: string;
  repairToDecideId: string;
  reportId: string;
  reportToVoidId: string;
  uploadId: string;
  uploadReportNumber: string;
  /** An import its department started (no file posted): only that department and the credit office see it. */
  importId: string;
  institution: Org;
  /** A live consent of the subject to its family's institution (records and reports), granted with `consentKey` as Idempotency-Key. */
  consentId: string;
  consentKey: string;
  /** A consent its subject revokes in the matrix. */
  consentToRevoke: string;
  /** A commitment its department took at a check (issue 16), whose result it records in the matrix. */
  commitmentId: string;
  /** A matter handled (办件) its department reported (issue 17 §2), by its case number. */
  matterReference: string;
  /** The department's matter list (事项清单): version 1, approved (issue 17), item `ISO-01`; it comments on it in the matrix. */
  matterListVersion: number;
  /** Machine clients the credit office registered for the department: one it rotates, one it revokes in the matrix. */
  machineClientId: string;
  machineClientToRevoke: string;
  /** The department's narrative filing (issue 17 §5) of `filingPeriod`, and a posted document it confirms in the matrix. */
  filingPeriod: string;
  filingUploadId: string;
}

export interface World {
  platform: LocalPlatform;
  county: CountyConfig;
  today: string;
  /** The current usage-list period, and the one before (ended: it can be submitted). */
  period: string;
  previousPeriod: string;
  A: FamilyWorld;
  B: FamilyWorld;
  /** A case the credit office restarts (its workflow failed). */
  stuckCaseId: string;
  /** A record the credit office objects to on its subject's behalf. */
  officeObjectionTarget: string;
  /** A report the credit office voids. */
  officeReportToVoid: string;
  /** A matter-list version awaiting review, of a department no family's caller is: the credit office returns it in the matrix. */
  matterListToReview: { orgId: string; version: number };
  /** A registered agency whose status the credit office changes. */
  agencyToUpdate: string;
  /** Monthly bulletins (issue 17 §4): one published (everyone signed in reads it), and three drafts the office writes, refreshes and publishes in the matrix. */
  bulletins: { published: string; toEdit: string; toRefresh: string; toPublish: string };
  /** The verification code of a credit report (PDF) the company fetched, where the platform makes them. */
  reportVerificationCode: string;
  /** A national list import the credit office applied (issue 18): the SPC's list, of a company of neither family. */
  nationalListImportId: string;
  /** The size of each family's department's usage log at its latest signed head (issue 19). */
  usageLogSizes: Record<Family, number>;
  markers: Marker[];
  /** A string unique in this run (numbers, ids). */
  unique(prefix: string): string;
  /** A record body of `family`'s department about its subject. */
  penalty(family: Family, decisionNumber: string, daysAgo?: number, overrides?: Record<string, unknown>): Record<string, unknown>;
  /** Sends a request as an organisation (or as given); throws naming the request when `expected` is not met. */
  as(credentials: Credentials, request: ApiRequest, expected?: number | number[]): Promise<ApiAnswer>;
}

export const world = (w: World, family: Family): FamilyWorld => (family === 'A' ? w.A : w.B);

/** Whether the catalog declares an HTTP route (`METHOD path`): routes being added are seeded only once they are there. */
export const declares = (routeKey: string) => functions.some((d) => d.trigger.type === 'http' && `${d.trigger.method} ${d.trigger.path}` === routeKey);

const authority = { name: '郏县隔离测试执法局', uscc: uscc('MB0000001') };

/**
 * A changes file of the SPC's list (issue 18) adding one entry of a company of neither family, under `caseNumber`
 * (each upload of another case number is another import), as POST /national-lists/imports takes it.
 */
export function nationalListUpload(today: string, caseNumber: string, fileName = 'shixin.csv') {
  const header = ['被执行人姓名/名称', '身份证号码/组织机构代码', '执行法院', '执行依据文号', '立案时间', '案号', '生效法律文书确定的义务', '被执行人的履行情况', '失信被执行人行为具体情形', '发布时间', '状态'];
  const row = ['郏县隔离名单测试有限公司', uscc('MA7Q0NL01'), '郏县人民法院', '（2025）豫0425民初1号', addDays(today, -30), caseNumber, '支付货款', '全部未履行', '拒不履行', addDays(today, -5), '新增'];
  return { source: 'spc-dishonest-debtors', listDate: today, mode: 'changes', fileName, content: Buffer.from(`${header.join(',')}\n${row.join(',')}\n`).toString('base64') };
}
/** Family B's subject: a person, shown to the public as 乙** (the name is a marker, see markerVisible). */
export const personName = '乙某某';
const subjectBlock = (family: Family) =>
  family === 'A'
    ? { name: '郏县甲隔离测试有限公司', category: 'legalPerson', uscc: companyId, legalRepresentative: '王甲' }
    : { name: personName, category: 'naturalPerson', residentId: personId };
/** Why each family's public record was corrected (a marker: the public site does not show it). */
const correctionReasonOf = (family: Family) => `更正理由 ${markerOf(family, 'correction')}`;

/** Seeds both families through the API (and one stuck case through fault injection), then the day's overdue scan. */
export async function seedWorld(platform: LocalPlatform): Promise<World> {
  const today = localDate(platform.clock.now(), county.timeZone);
  const current = periodContaining(today, county.usageList, calendar);
  const previous = periodContaining(addDays(current.firstDay, -1), county.usageList, calendar);
  let serial = 0;

  const as: World['as'] = async (credentials, request, expected) => {
    const answer = await send(platform, request, credentials);
    const ok = expected === undefined ? answer.status < 300 : ([] as number[]).concat(expected).includes(answer.status);
    if (!ok) throw new Error(`seeding: ${request.method} ${request.path} answered ${answer.status}: ${answer.text.slice(0, 500)}`);
    return answer;
  };
  const penalty: World['penalty'] = (family, decisionNumber, daysAgo = 3, overrides = {}) => ({
    kind: 'penalty',
    subject: subjectBlock(family),
    decisionNumber,
    decisionDate: addDays(today, -daysAgo),
    authority,
    sourceDepartment: family === 'A' ? '郏县甲局' : '郏县乙局',
    violationType: '未按规定公示信息',
    facts: '未按规定公示年度报告',
    legalBasis: '《企业信息公示暂行条例》第十八条',
    penaltyCategories: ['fine'],
    penaltyContent: '罚款人民币五千元',
    fineAmountYuan: 5000,
    ...overrides,
  });
  const hiddenLicence = (family: Family, decisionNumber: string) => ({
    kind: 'licence',
    subject: subjectBlock(family),
    decisionNumber,
    decisionDate: addDays(today, -400),
    authority,
    sourceDepartment: family === 'A' ? '郏县甲局' : '郏县乙局',
    licenceDocumentName: '准予行政许可决定书',
    licenceCategory: '普通',
    licenceContent: `临时占道经营许可 ${markerOf(family, 'hidden')}`,
    validFrom: addDays(today, -400),
    validTo: addDays(today, -30),
  });

  const blackList = (family: Family, decisionNumber: string) => ({
    kind: 'blackList',
    subject: subjectBlock(family),
    decisionNumber,
    decisionDate: addDays(today, -5),
    authority,
    sourceDepartment: family === 'A' ? '郏县甲局' : '郏县乙局',
    listName: 'major-tax-violation',
    listingBasis: '重大税收违法失信案件当事人名单',
    listedUntil: addDays(today, 700),
  });

  const departmentOf = (f: Family) => orgOf('department', f);
  const subjectOf = (f: Family) => orgOf('subject', f);
  const agencyOf = (f: Family) => orgOf('agency', f);

  // The registers: departments owe usage lists, agencies upload reports.
  await Promise.all([
    ...families.map((f) => as(office, { method: 'POST', path: '/departments', body: { orgId: departmentOf(f).orgId, name: f === 'A' ? '郏县甲局' : '郏县乙局' } })),
    ...[...families.map((f) => agencyOf(f).orgId), 'agency-d'].map((agencyId, i) =>
      as(office, {
        method: 'POST',
        path: '/agencies',
        body: { agencyId, name: `隔离测试信用服务有限公司${i}`, uscc: uscc(`MC0000${i}01`), filingNumber: `信备〔2026〕${i}号`, filingAuthority: '郏县信用办' },
      }),
    ),
  ]);

  // Records, one batch per department.
  const recordPlan = (f: Family) => {
    const n = (what: string) => `ISO-${f}-${what}`;
    return {
      public: penalty(f, n('PUB-1'), 3, { remarks: `内部备注 ${markerOf(f, 'remarks')}` }),
      hidden: hiddenLicence(f, n('HID-1')),
      correct: penalty(f, n('COR-1')),
      objected: penalty(f, n('OBJ-1')),
      toAnswer: penalty(f, n('OBJ-2')),
      objectionTarget: penalty(f, n('OBJ-3')),
      repaired: penalty(f, n('REP-1'), 200),
      toDecide: penalty(f, n('REP-2'), 200),
      repairTarget: penalty(f, n('REP-3'), 200),
      ...(f === 'A'
        ? { stuck: penalty(f, n('STUCK-1')), officeObjectionTarget: penalty(f, n('OBJ-4')), blackList1: blackList(f, n('BL-1')), blackList2: blackList(f, n('BL-2')) }
        : {}),
    } as Record<string, Record<string, unknown>>;
  };
  const pushed = Object.fromEntries(
    await Promise.all(
      families.map(async (f) => {
        const plan = recordPlan(f);
        const answer = await as(departmentOf(f), { method: 'POST', path: '/records', body: { records: Object.values(plan) } });
        const ids = Object.fromEntries(Object.keys(plan).map((name, i) => [name, answer.json?.results?.[i]?.recordId as string]));
        for (const [name, id] of Object.entries(ids)) if (!id) throw new Error(`seeding: record ${f}.${name} refused: ${answer.text.slice(0, 800)}`);
        return [f, { plan, ids }] as const;
      }),
    ),
  ) as Record<Family, { plan: Record<string, Record<string, unknown>>; ids: Record<string, string> }>;

  // Each public record corrected by its provider, with a reason: version 2, remarks kept.
  await Promise.all(
    families.map((f) =>
      as(departmentOf(f), {
        method: 'PUT',
        path: `/records/${pushed[f].ids.public}`,
        body: { record: { ...pushed[f].plan.public, facts: '未按规定公示年度报告（更正）' }, reason: correctionReasonOf(f), expectedVersion: 1 },
      }),
    ),
  );

  // A stuck case, first and alone: the injected faults would hit any other case's workflow.
  platform.faults.failNext('open-case', 20);
  const stuck = await as(office, { method: 'POST', path: '/objections', body: { recordId: pushed.A.ids.stuck, reason: '工作流故障测试' } });
  const stuckCaseId = stuck.json.case.caseId as string;
  await eventually('the stuck case', async () => {
    const c = await as(office, { method: 'GET', path: `/objections/${stuckCaseId}` });
    return c.json?.state === 'stuck' ? true : undefined;
  }, 60_000);
  platform.faults.clear();

  const upload = async (f: Family, reportNumber: string, riskWarning?: string, post = true) => {
    const started = await as(agencyOf(f), {
      method: 'POST',
      path: '/reports/uploads',
      body: { subjectId: subjectOf(f).orgId, reportNumber, reportType: 'comprehensive', issueDate: addDays(today, -2), rating: 'A', ...(riskWarning ? { riskWarning } : {}) },
    });
    const uploadId = started.json.uploadId as string;
    if (!post) return { uploadId, reportId: '' };
    const form = new FormData();
    for (const [name, value] of Object.entries(started.json.upload.fields as Record<string, string>)) form.append(name, value);
    form.append('file', new Blob([demoPdf], { type: 'application/pdf' }), 'report.pdf');
    const posted = await fetch(started.json.upload.url, { method: 'POST', body: form });
    if (posted.status !== 204) throw new Error(`seeding: report ${reportNumber} POST answered ${posted.status}: ${await posted.text()}`);
    const state = await eventually(`report ${reportNumber} to be accepted`, async () => {
      const s = await as(agencyOf(f), { method: 'GET', path: `/reports/uploads/${uploadId}` });
      return s.json?.state === 'pending' ? undefined : s.json;
    });
    if (state.state !== 'accepted') throw new Error(`seeding: report ${reportNumber} ${JSON.stringify(state)}`);
    return { uploadId, reportId: state.reportId as string };
  };

  const seedFamily = async (f: Family): Promise<FamilyWorld> => {
    const ids = pushed[f].ids;
    const department = departmentOf(f);
    const subject = subjectOf(f);
    const report = markerOf(f, 'report');
    const [reportMain, reportToVoid, pending] = await Promise.all([
      upload(f, `${report}-1`, `风险提示 ${report}`),
      upload(f, `${report}-2`),
      upload(f, markerOf(f, 'upload'), undefined, false),
    ]);

    const started = await as(department, { method: 'POST', path: '/imports', body: { kind: 'penalty', fileName: `import-${f}.xlsx` } });
    if (started.status !== 201) throw new Error(`seeding: import answered ${started.status}: ${JSON.stringify(started.json)}`);
    const importId = started.json.importId as string;

    const check = await as(department, {
      method: 'POST',
      path: '/checks',
      headers: { 'idempotency-key': `iso-check-${f}` },
      body: { subjectId: subject.orgId, matter: { type: 'procurement', reference: `REF-${f}-1`, name: `办公设备采购 ${markerOf(f, 'check')}` } },
    });
    const checkId = check.json.checkId as string;
    const committed = await as(department, {
      method: 'POST',
      path: '/checks',
      body: {
        subjectId: subject.orgId,
        matter: { type: 'administrative-approval', reference: `REF-${f}-C`, name: '许可审批' },
        commitment: { mode: 'written', subjectName: subjectBlock(f).name, authority, text: '承诺所提交材料真实有效', promised: ['补交材料'], dueDate: addDays(today, 30) },
      },
    });
    if (committed.status !== 201) throw new Error(`seeding: a check with a commitment answered ${committed.status}: ${JSON.stringify(committed.json)}`);
    const commitmentId = committed.json.commitment.recordId as string;
    // The department's matter list, approved: its item ISO-01 is in force.
    const listed = await as(department, { method: 'POST', path: '/matter-lists', body: { items: [matterListItemOf(f)], comment: '隔离测试清单' } });
    if (listed.status !== 201) throw new Error(`seeding: a matter list answered ${listed.status}: ${JSON.stringify(listed.json)}`);
    const listApproved = await as(office, { method: 'POST', path: `/matter-lists/${department.orgId}/versions/1/review`, body: { decision: 'approve' } });
    if (listApproved.status !== 200) throw new Error(`seeding: approving a matter list answered ${listApproved.status}: ${JSON.stringify(listApproved.json)}`);
    const matterReference = `MAT-${f}-1`;
    const matter = await as(department, { method: 'POST', path: '/matters', body: { matters: [{ itemId: 'ISO-01', reference: matterReference, subjectId: subject.orgId, subjectName: subjectBlock(f).name, decidedOn: today, checkId }] } });
    if (matter.status !== 200) throw new Error(`seeding: a matter handled answered ${matter.status}: ${JSON.stringify(matter.json)}`);
    const register = async (name: string) => {
      const answer = await as(office, { method: 'POST', path: '/machine-clients', body: { departmentOrgId: department.orgId, name, scopes: ['checks:run'] } });
      if (answer.status !== 201) throw new Error(`seeding: a machine client answered ${answer.status}: ${JSON.stringify(answer.json)}`);
      return answer.json.clientId as string;
    };
    const [machineClientId, machineClientToRevoke] = [await register(`审批系统 ${f}`), await register(`旧系统 ${f}`)];
    // A narrative filing (issue 17 §5): one filed, one document posted and left for the matrix to confirm.
    const filingPeriod = `${today.slice(0, 4)}-Q1`;
    const postFiling = async () => {
      const announced = await as(department, { method: 'POST', path: '/filings/uploads', body: { fileName: `工作总结-${f}.pdf`, contentType: 'application/pdf', bytes: demoPdf.length } });
      const form = new FormData();
      for (const [name, value] of Object.entries(announced.json.upload.fields as Record<string, string>)) form.append(name, value);
      form.append('file', new Blob([demoPdf], { type: 'application/pdf' }), 'filing.pdf');
      const posted = await fetch(announced.json.upload.url, { method: 'POST', body: form });
      if (posted.status !== 204) throw new Error(`seeding: a filing's document POST answered ${posted.status}: ${await posted.text()}`);
      return announced.json.uploadId as string;
    };
    let filingUploadId = '';
    if (declares('POST /filings')) {
      await as(department, { method: 'POST', path: '/filings', body: { uploadId: await postFiling(), kind: isolationFilingKind.id, period: filingPeriod, title: `工作总结 ${f}`, summary: '隔离测试', documentDate: today } });
      filingUploadId = await postFiling();
    }
    const outcome = { usage: `查询信用记录 ${markerOf(f, 'outcome')}`, decision: 'approved' };
    await as(department, { method: 'PUT', path: `/checks/${checkId}/outcome`, body: outcome });

    const raise = async (path: string, body: Record<string, unknown>) => (await as(subject, { method: 'POST', path, body })).json.case.caseId as string;
    const repairBody = (recordId: string) => ({
      recordId,
      reason: '罚款已缴清',
      commitment: `信用承诺 ${markerOf(f, 'repair')}`,
      correctiveActions: '已整改',
    });
    const [objectionId, objectionToAnswerId, repairId, repairToDecideId] = await Promise.all([
      raise('/objections', { recordId: ids.objected, reason: `处罚对象有误 ${markerOf(f, 'objection')}` }),
      raise('/objections', { recordId: ids.toAnswer, reason: `处罚事实有误 ${markerOf(f, 'objection')}` }),
      raise('/repairs', repairBody(ids.repaired!)),
      raise('/repairs', repairBody(ids.toDecide!)),
    ]);

    await as(department, {
      method: 'POST',
      path: `/usage-lists/${previous.id}/submit`,
      body: { submitter: `报送人 ${markerOf(f, 'submitter')}`, note: markerOf(f, 'submitter') },
    });

    // Consents and a consented query, where the platform has them (routes declared in the catalog).
    const institution = orgOf('institution' as Role, f);
    const consentKey = `iso-consent-${f}`;
    let consentId = '';
    let consentToRevoke = '';
    if (declares('POST /consents') && declares('POST /queries')) {
      const grant = (text: string, scope: Record<string, boolean>, key?: string) =>
        as(subject, {
          method: 'POST',
          path: '/consents',
          headers: key ? { 'idempotency-key': key } : {},
          body: { grantee: institution.orgId, purpose: { category: 'loan', text: `${text} ${markerOf(f, 'consent')}` }, scope, expiresOn: addDays(today, 60) },
        });
      consentId = (await grant('贷款审查', { records: true, reports: true }, consentKey)).json.consentId as string;
      consentToRevoke = (await grant('租赁审查', { records: true, reports: false })).json.consentId as string;
      await as(institution, { method: 'POST', path: '/queries', body: { subjectId: subject.orgId, consentId, purpose: `贷款申请 ${markerOf(f, 'query')}` } });
    }

    // Cases are opened by their workflow: wait until the provider is told (the case-opened notice names the case).
    for (const caseId of [objectionId, objectionToAnswerId, repairId, repairToDecideId]) {
      await eventually(`case ${caseId} to be opened`, async () => {
        const notices = await as(department, { method: 'GET', path: `/notices?kind=case-opened&limit=200` });
        return notices.text.includes(caseId) ? true : undefined;
      });
    }

    return {
      family: f,
      department,
      subject,
      agency: agencyOf(f),
      subjectId: subject.orgId,
      records: {
        public: ids.public!,
        hidden: ids.hidden!,
        correct: ids.correct!,
        objected: ids.objected!,
        toAnswer: ids.toAnswer!,
        objectionTarget: ids.objectionTarget!,
        repaired: ids.repaired!,
        toDecide: ids.toDecide!,
        repairTarget: ids.repairTarget!,
      },
      internals: {
        remarks: markerOf(f, 'remarks'),
        correctionReason: correctionReasonOf(f),
        providerOrgId: department.orgId,
        subjectName: subjectBlock(f).name,
        ...(f === 'B' ? { residentId: personId } : {}),
      },
      inputs: { correct: pushed[f].plan.correct!, public: pushed[f].plan.public! },
      checkId,
      checkKey: `iso-check-${f}`,
      outcome,
      objectionId,
      objectionToAnswerId,
      repairId,
      repairToDecideId,
      reportId: reportMain.reportId,
      reportToVoidId: reportToVoid.reportId,
      uploadId: pending.uploadId,
      uploadReportNumber: markerOf(f, 'upload'),
      importId,
      institution,
      consentId,
      consentKey,
      consentToRevoke,
      commitmentId,
      matterListVersion: 1,
      matterReference,
      machineClientId,
      machineClientToRevoke,
      filingPeriod,
      filingUploadId,
    };
  };

  const [A, B, officeReport] = await Promise.all([seedFamily('A'), seedFamily('B'), upload('A', `${markerOf('A', 'report')}-3`)]);

  // A matter list awaiting review, of a department of neither family.
  const matterListToReview = { orgId: 'dept-iso-review', version: 1 };
  const toReview = await as({ role: 'department', orgId: matterListToReview.orgId }, { method: 'POST', path: '/matter-lists', body: { items: [matterListItemOf('A')] } });
  if (toReview.status !== 201) throw new Error(`seeding: a matter list to review answered ${toReview.status}: ${JSON.stringify(toReview.json)}`);

  // Monthly bulletins of past months: one published, three drafts (each version 1) for the office's routes.
  const monthBefore = (n: number) => {
    const [y, m] = today.slice(0, 7).split('-').map(Number) as [number, number];
    const i = y * 12 + (m - 1) - n;
    return `${Math.floor(i / 12)}-${String((i % 12) + 1).padStart(2, '0')}`;
  };
  const bulletins = { published: monthBefore(1), toEdit: monthBefore(2), toRefresh: monthBefore(3), toPublish: monthBefore(4) };
  if (declares('POST /bulletins/{month}/refresh')) {
    for (const month of Object.values(bulletins)) await as(office, { method: 'POST', path: `/bulletins/${month}/refresh`, body: {} }, 200);
    await as(office, { method: 'POST', path: `/bulletins/${bulletins.published}/publish`, body: { version: 1 } }, 200);
  }

  // The day's overdue scan: public notices (late publications) and notices to departments.
  await platform.invoke('overdue-scan', { date: today });
  // The records' changes delivered upstream (issue 18).
  if (declares('GET /exchange/destinations')) await platform.invoke('dispatch-exchange');
  // The checks logged into their departments' Merkle trees, heads signed (issue 19): each family's log has a signed head.
  if (declares('GET /public/usage-log')) await platform.invoke('sequence-usage-log');
  const usageLogSizes = Object.fromEntries(
    await Promise.all(
      families.map(async (f) => {
        const heads = declares('GET /public/usage-log') ? ((await as(office, { method: 'GET', path: `/public/usage-log/${departmentOf(f).orgId}/heads?limit=1` }, 200)).json.heads as { treeSize: number }[]) : [];
        return [f, heads[0]?.treeSize ?? 0] as const;
      }),
    ),
  ) as Record<Family, number>;

  // A national list the credit office applied (issue 18), listing a company of neither family.
  const nationalListImportId = declares('POST /national-lists/imports')
    ? ((await as(office, { method: 'POST', path: '/national-lists/imports', body: nationalListUpload(today, 'ISO-NL-SEED') }, 201)).json.importId as string)
    : '';

  // A credit report (PDF) of the company, for its verification code.
  const reportVerificationCode = declares('GET /subjects/{subjectId}/report.pdf')
    ? ((await as(A.subject, { method: 'GET', path: `/subjects/${A.subjectId}/report.pdf` })).headers['x-report-verification-code'] ?? '')
    : '';

  const markers: Marker[] = [
    ...families.flatMap((f) => markerKinds.map((kind) => ({ text: markerOf(f, kind), family: f, kind }))),
    // A repair application's id is private to its parties too (an objection's id is not: a record under objection shows it).
    ...[A, B].flatMap((w) => [w.repairId, w.repairToDecideId].map((text) => ({ text, family: w.family, kind: 'repair' as const }))),
    { text: personId, family: 'B', kind: 'residentId' },
    { text: personName, family: 'B', kind: 'personName' },
  ];

  return {
    platform,
    county,
    today,
    period: current.id,
    previousPeriod: previous.id,
    A,
    B,
    stuckCaseId,
    officeObjectionTarget: pushed.A.ids.officeObjectionTarget!,
    officeReportToVoid: officeReport.reportId,
    matterListToReview,
    agencyToUpdate: 'agency-d',
    bulletins,
    reportVerificationCode,
    nationalListImportId,
    usageLogSizes,
    markers,
    unique: (prefix) => `${prefix}-${Date.now().toString(36)}-${(serial += 1)}`,
    penalty,
    as,
  };
}

/** The item of a family's matter list (both families use the code ISO-01; a list is per department). */
export const matterListItemOf = (_f: Family) => ({ itemId: 'ISO-01', matterType: 'procurement', name: '政府采购资格审查', legalBasis: '《政府采购法》第二十二条', checkRequired: true, reportRequired: true, measures: [] as string[] });
