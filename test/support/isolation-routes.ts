/**
 * One request builder per HTTP route of functions/catalog.ts, and what an allowed caller gets when it
 * reaches for another organisation's resource. The matrix sends each route as every role: with the
 * caller's own resource ("own") and with the other family's ("other"). Roles the declaration does not
 * allow must get 403 whatever they ask for (derived from the declaration); allowed roles get a 2xx on
 * their own; on another's, the answer written here (404 by default, so existence is not disclosed).
 */
import { functions } from '../../functions/catalog.ts';
import { onPeopleApi, type HttpTrigger } from '../../shared/lambda/declaration.ts';
import type { Role } from '../../shared/identity/roles.ts';
import type { ApiAnswer, ApiRequest } from './isolation-http.ts';
import { isolationFilingKind, markerOf, matterListItemOf, nationalListUpload, orgOf, uscc, world, type FamilyWorld, type Org, type World } from './isolation-world.ts';

export interface CellContext {
  caller: Org;
  /** The caller's family's resources, and the other family's. */
  mine: FamilyWorld;
  theirs: FamilyWorld;
  w: World;
}

export interface RouteCase {
  own(ctx: CellContext): ApiRequest;
  /** Another organisation's resource; undefined where the route names none (a list of one's own, a register). */
  other?(ctx: CellContext): ApiRequest | undefined;
  /** The answer to an allowed role on `other`: one status, or by role; 404 when not given. */
  otherStatus?: number | Partial<Record<Role, number>>;
  /** Why `otherStatus` is what it is (printed under the table). */
  why?: string;
  /** A further check of a 2xx answer; a problem, or undefined. */
  check?(answer: ApiAnswer, ctx: CellContext, side: 'own' | 'other'): string | undefined;
}

export const routeKey = (t: Pick<HttpTrigger, 'method' | 'path'>) => `${t.method} ${t.path}`;

/** Every HTTP route of the catalog, as declared: a route added later is in the matrix at once. */
export const httpRoutes = () =>
  // The machine API's own endpoints (its OAuth token endpoint and issuer metadata) are not on this API: test/integration/machine-clients.test.ts.
  functions.flatMap((d) => (d.trigger.type === 'http' && onPeopleApi(d.trigger) ? [{ name: d.name, key: routeKey(d.trigger), trigger: d.trigger as HttpTrigger }] : []));

const isDepartment = (c: CellContext) => c.caller.role === 'department';
const isOffice = (c: CellContext) => c.caller.role === 'creditOffice';
/** Whom the caller may see private data of, as a marker list for `shows`. */
const showsFor = (c: CellContext, roles: readonly string[], ...markers: string[]) => (roles.includes(c.caller.role) ? markers : []);

export const routeCases: Record<string, RouteCase> = {
  'GET /me': { own: () => ({ method: 'GET', path: '/me' }) },

  'GET /public/county': { own: () => ({ method: 'GET', path: '/public/county' }) },

  'POST /records': {
    own: (c) => ({ method: 'POST', path: '/records', body: c.w.penalty(c.mine.family, c.w.unique(`ISO-${c.mine.family}-NEW`)) }),
    // The very record another department pushed (same kind and decision number): a new record of the
    // caller's, for idempotency is per department; never the other's record, nor a 409 disclosing it.
    // Its remarks replaced: the pushing department becomes the provider of its copy and sees it whole, so
    // the other family's remarks marker must not be in it (GET /subjects/{subjectId}/records shows it later).
    other: (c) => ({ method: 'POST', path: '/records', body: { ...c.theirs.inputs.public, remarks: '另一部门的备注' } }),
    otherStatus: 201,
    why: 'idempotency is keyed on the pushing department: the same number from another department is a new record (201), never the other one',
    check: (a, c, side) => (side === 'other' && a.json?.recordId === c.theirs.records.public ? `answered with the other department's record ${a.json.recordId}` : undefined),
  },

  'GET /records/{id}': {
    // Who may see a record out of publicity asks for its own; anyone else for a public record of its family.
    own: (c) =>
      ['department', 'subject', 'creditOffice'].includes(c.caller.role)
        ? { method: 'GET', path: `/records/${c.mine.records.hidden}?history=true`, shows: [markerOf(c.mine.family, 'hidden')] }
        : { method: 'GET', path: `/records/${c.mine.records.public}?history=true` },
    other: (c) => ({ method: 'GET', path: `/records/${c.theirs.records.hidden}?history=true` }),
    why: 'a record out of publicity is private to its provider, its subject and the credit office: 404 (record-visibility.ts)',
  },

  'PUT /records/{id}': {
    own: (c) => ({
      method: 'PUT',
      path: `/records/${c.mine.records.correct}`,
      body: { record: { ...c.mine.inputs.correct, facts: '更正后的违法事实' }, reason: '事实表述更正', expectedVersion: 1 },
    }),
    other: (c) => ({
      method: 'PUT',
      path: `/records/${c.theirs.records.correct}`,
      body: { record: { ...c.theirs.inputs.correct, facts: '越权更正' }, reason: '越权更正', expectedVersion: 1 },
    }),
    otherStatus: 403,
    why: 'only the providing department may correct a record: 403 (correct-record.ts; records-and-checks.test.ts)',
  },

  'POST /records/preview': {
    own: (c) => ({ method: 'POST', path: '/records/preview', body: c.w.penalty(c.mine.family, c.w.unique(`ISO-${c.mine.family}-PRE`)) }),
    // The record another department stored, number and all: previewed as the caller's own (its number is the
    // caller's to use), never telling that the other department holds a record under it.
    other: (c) => ({ method: 'POST', path: '/records/preview', body: c.theirs.inputs.correct }),
    otherStatus: 200,
    why: "a preview is of the caller's own record: idempotency keys are per department, so another's number is free to it (200, no `existing`)",
    check: (a, _c, side) => (side === 'other' && a.json?.existing ? `told of a record stored under another department's number: ${JSON.stringify(a.json.existing)}` : undefined),
  },

  'GET /records': {
    own: (c) => ({ method: 'GET', path: '/records?limit=200', shows: showsFor(c, ['department'], markerOf(c.mine.family, 'hidden')) }),
  },

  'GET /subjects/{subjectId}/records': {
    own: (c) => ({ method: 'GET', path: `/subjects/${c.mine.subjectId}/records`, shows: showsFor(c, ['department', 'subject', 'creditOffice'], markerOf(c.mine.family, 'hidden')) }),
    other: (c) => ({ method: 'GET', path: `/subjects/${c.theirs.subjectId}/records` }),
    otherStatus: 200,
    why: "anyone may ask about any subject: the answer holds only what the caller may see (public records), 200",
  },

  'POST /checks': {
    own: (c) => ({
      method: 'POST',
      path: '/checks',
      body: { subjectId: c.mine.subjectId, matter: { type: 'bidding', reference: c.w.unique('CHK'), name: '道路工程招标' } },
      shows: showsFor(c, ['department'], markerOf(c.mine.family, 'report')),
    }),
    // The other family's subject, with the Idempotency-Key the other department ran its check with.
    other: (c) => ({
      method: 'POST',
      path: '/checks',
      headers: { 'idempotency-key': c.theirs.checkKey },
      body: { subjectId: c.theirs.subjectId, matter: { type: 'bidding', reference: c.w.unique('CHK'), name: '道路工程招标' } },
    }),
    otherStatus: 201,
    why: "a check on any subject is the department's lawful purpose (逢办必查): its records in force and valid reports, nothing out of publicity; Idempotency-Keys are per department (201, a new check)",
    check: (a, c, side) => (side === 'other' && a.json?.checkId === c.theirs.checkId ? `answered with the other department's check ${a.json.checkId}` : undefined),
  },

  'PUT /checks/{id}/outcome': {
    own: (c) => ({ method: 'PUT', path: `/checks/${c.mine.checkId}/outcome`, body: c.mine.outcome, shows: showsFor(c, ['department'], markerOf(c.mine.family, 'check')) }),
    other: (c) => ({ method: 'PUT', path: `/checks/${c.theirs.checkId}/outcome`, body: c.mine.outcome }),
    why: "only the department that ran a check records its outcome; another department's check: 404, as GET /checks/{id} (issue 13, 3k)",
  },

  'GET /checks': {
    own: (c) => ({ method: 'GET', path: '/checks?limit=200', shows: showsFor(c, ['department'], markerOf(c.mine.family, 'check')) }),
  },

  'GET /checks/{id}': {
    own: (c) => ({ method: 'GET', path: `/checks/${c.mine.checkId}`, shows: showsFor(c, ['department', 'creditOffice'], markerOf(c.mine.family, 'check')) }),
    other: (c) => ({ method: 'GET', path: `/checks/${c.theirs.checkId}` }),
    why: "another department's check: 404, as one that does not exist (list-checks.ts)",
  },

  'POST /checks/batch': {
    own: (c) => ({
      method: 'POST',
      path: '/checks/batch',
      headers: { 'idempotency-key': c.w.unique('iso-batch') },
      body: { matter: { type: 'bidding', reference: c.w.unique('BATCH'), name: '道路工程招标' }, subjects: [{ subjectId: c.mine.subjectId }, { subjectId: c.theirs.subjectId }] },
    }),
    // A batch names subjects, not another department's resource: each item is a check of the caller's own.
  },

  'POST /machine-clients': {
    own: (c) => ({ method: 'POST', path: '/machine-clients', body: { departmentOrgId: c.mine.department.orgId, name: c.w.unique('新系统'), scopes: ['checks:run'] } }),
  },
  'GET /machine-clients': {
    own: (c) => ({ method: 'GET', path: '/machine-clients' }),
    other: (c) => (isDepartment(c) ? { method: 'GET', path: `/machine-clients?department=${c.theirs.department.orgId}` } : undefined),
    otherStatus: 403,
    why: "a department names another's register in query.department: 403 (manage-clients.ts)",
    check: (a, c) => (isDepartment(c) && (a.json?.clients ?? []).some((m: { departmentOrgId: string }) => m.departmentOrgId !== c.caller.orgId) ? "listed another department's machine client" : undefined),
  },
  'POST /machine-clients/{id}/secret': {
    own: (c) => ({ method: 'POST', path: `/machine-clients/${c.mine.machineClientId}/secret` }),
  },
  'POST /machine-clients/{id}/revoke': {
    own: (c) => ({ method: 'POST', path: `/machine-clients/${c.mine.machineClientToRevoke}/revoke`, body: { reason: '隔离测试' } }),
  },

  'GET /commitments': {
    own: (c) => ({ method: 'GET', path: `/commitments${isOffice(c) ? `?department=${c.mine.department.orgId}` : ''}` }),
    other: (c) => (isDepartment(c) ? { method: 'GET', path: `/commitments?department=${c.theirs.department.orgId}` } : undefined),
    otherStatus: 403,
    why: "a department names another's commitments in query.department: 403 (list-commitments.ts)",
  },
  'POST /commitments/{id}/result': {
    own: (c) => ({ method: 'POST', path: `/commitments/${c.mine.commitmentId}/result`, body: { result: 'fulfilled' } }),
    other: (c) => ({ method: 'POST', path: `/commitments/${c.theirs.commitmentId}/result`, body: { result: 'fulfilled' } }),
    why: "another department's commitment: 404, as one that does not exist (commitment-result.ts)",
  },

  'POST /filings/uploads': {
    own: () => ({ method: 'POST', path: '/filings/uploads', body: { fileName: '工作总结.pdf', contentType: 'application/pdf', bytes: 1000 } }),
  },
  'POST /filings': {
    own: (c) => ({ method: 'POST', path: '/filings', body: { uploadId: c.mine.filingUploadId, kind: isolationFilingKind.id, period: c.mine.filingPeriod, title: '工作总结', summary: '隔离测试', documentDate: c.w.today } }),
    other: (c) => ({ method: 'POST', path: '/filings', body: { uploadId: c.theirs.filingUploadId, kind: isolationFilingKind.id, period: c.theirs.filingPeriod, title: '工作总结', summary: '隔离测试', documentDate: c.w.today } }),
    why: "another department's posted document: 404, as one that does not exist (file-document.ts)",
  },
  'GET /filings': {
    own: (c) => ({ method: 'GET', path: `/filings${isOffice(c) ? `?department=${c.mine.department.orgId}` : ''}` }),
    other: (c) => (isDepartment(c) ? { method: 'GET', path: `/filings?department=${c.theirs.department.orgId}` } : undefined),
    why: "a department names another's filings in query.department: 404, as if there were none (list-filings.ts)",
    check: (a, c) => (isDepartment(c) && a.json?.orgId !== c.caller.orgId ? "listed another department's filings" : undefined),
  },
  'GET /filings/status': { own: () => ({ method: 'GET', path: '/filings/status' }) },
  'GET /filings/{kind}/{period}/document': {
    own: (c) => ({ method: 'GET', path: `/filings/${isolationFilingKind.id}/${c.mine.filingPeriod}/document${isOffice(c) ? `?department=${c.mine.department.orgId}` : ''}` }),
    other: (c) => (isDepartment(c) ? { method: 'GET', path: `/filings/${isolationFilingKind.id}/${c.theirs.filingPeriod}/document?department=${c.theirs.department.orgId}` } : undefined),
    why: "another department's document: 404 (list-filings.ts)",
  },

  'POST /matters': {
    own: (c) => ({ method: 'POST', path: '/matters', body: { matters: [{ itemId: 'ISO-01', reference: c.w.unique(`MAT-${c.mine.family}-NEW`), subjectId: c.mine.subject.orgId, subjectName: '郏县隔离测试主体', decidedOn: c.w.today }] } }),
  },
  'GET /matters': {
    own: (c) => ({ method: 'GET', path: `/matters${isOffice(c) ? `?department=${c.mine.department.orgId}` : ''}` }),
    other: (c) => (isDepartment(c) ? { method: 'GET', path: `/matters?department=${c.theirs.department.orgId}` } : undefined),
    otherStatus: 403,
    why: "a department names another's matters in query.department: 403 (list-matters.ts)",
  },
  'GET /matters/{reference}': {
    own: (c) => ({ method: 'GET', path: `/matters/${c.mine.matterReference}${isOffice(c) ? `?department=${c.mine.department.orgId}` : ''}` }),
    other: (c) => (isDepartment(c) ? { method: 'GET', path: `/matters/${c.theirs.matterReference}` } : undefined),
    why: "another department's case number is looked up among the caller's own: 404 (list-matters.ts)",
  },
  'GET /matter-uploads/template': { own: () => ({ method: 'GET', path: '/matter-uploads/template' }) },
  'POST /matter-uploads': {
    own: (c) => ({
      method: 'POST',
      path: '/matter-uploads',
      body: { month: c.w.today.slice(0, 7), fileName: 'matters.csv', content: Buffer.from(`事项清单编号,办件编号,主体代码,主体名称,办结日期\nISO-01,${c.w.unique(`UP-${c.mine.family}`)},${c.mine.subject.orgId},郏县隔离测试主体,${c.w.today}\n`).toString('base64') },
    }),
  },
  'GET /coverage': {
    own: (c) => ({ method: 'GET', path: `/coverage${isOffice(c) ? `?department=${c.mine.department.orgId}` : ''}` }),
    other: (c) => (isDepartment(c) ? { method: 'GET', path: `/coverage?department=${c.theirs.department.orgId}` } : undefined),
    otherStatus: 403,
    why: "a department names another's coverage in query.department: 403 (get-coverage.ts)",
  },
  'GET /accountability': { own: () => ({ method: 'GET', path: '/accountability' }) },

  // National lists (issue 18): the credit office's alone (every other role 403, from the declaration).
  'POST /national-lists/imports': { own: (c) => ({ method: 'POST', path: '/national-lists/imports', body: nationalListUpload(c.w.today, c.w.unique('ISO-NL')) }) },
  'GET /national-lists/imports': { own: () => ({ method: 'GET', path: '/national-lists/imports' }) },
  'GET /national-lists/imports/{id}': { own: (c) => ({ method: 'GET', path: `/national-lists/imports/${c.w.nationalListImportId}` }) },
  'GET /national-lists': { own: () => ({ method: 'GET', path: '/national-lists' }) },
  'GET /national-lists/entries': { own: (c) => ({ method: 'GET', path: `/national-lists/entries?subjectId=${c.mine.subjectId}` }) },

  // Monthly bulletins (月通报): the office writes and publishes; departments read the published ones; the public those the county publishes.
  'GET /bulletins': { own: () => ({ method: 'GET', path: '/bulletins' }) },
  'GET /bulletins/{month}': {
    own: (c) => ({ method: 'GET', path: `/bulletins/${c.w.bulletins.published}` }),
    other: (c) => (isDepartment(c) ? { method: 'GET', path: `/bulletins/${c.w.bulletins.toEdit}` } : undefined),
    why: 'a draft is the office\'s: to a department it does not exist yet (404, bulletin.ts canRead)',
  },
  'GET /bulletins/{month}/file': {
    own: (c) => ({ method: 'GET', path: `/bulletins/${c.w.bulletins.published}/file?format=pdf` }),
    other: (c) => (isDepartment(c) ? { method: 'GET', path: `/bulletins/${c.w.bulletins.toEdit}/file?format=pdf` } : undefined),
    why: "a draft's file: 404 to a department (bulletin-files.ts)",
  },
  'PUT /bulletins/{month}/text': { own: (c) => ({ method: 'PUT', path: `/bulletins/${c.w.bulletins.toEdit}/text`, body: { version: 1, paragraphs: ['隔离测试通报文字'] } }) },
  'POST /bulletins/{month}/refresh': { own: (c) => ({ method: 'POST', path: `/bulletins/${c.w.bulletins.toRefresh}/refresh`, body: { version: 1 } }) },
  'POST /bulletins/{month}/publish': { own: (c) => ({ method: 'POST', path: `/bulletins/${c.w.bulletins.toPublish}/publish`, body: { version: 1 } }) },
  // The isolation county publishes its bulletins to the public (isolation-world.ts): the published one is read by anyone.
  'GET /public/bulletins': { own: () => ({ method: 'GET', path: '/public/bulletins' }) },
  // The usage logs' signed heads and proofs are public: sizes, roots and times, nothing of the entries.
  'GET /public/usage-log': { own: () => ({ method: 'GET', path: '/public/usage-log' }) },
  'GET /public/usage-log/{org}/heads': { own: (c) => ({ method: 'GET', path: `/public/usage-log/${c.mine.department.orgId}/heads` }) },
  'GET /public/usage-log/{org}/consistency': { own: (c) => ({ method: 'GET', path: `/public/usage-log/${c.mine.department.orgId}/consistency?first=${c.w.usageLogSizes[c.mine.family]}&second=${c.w.usageLogSizes[c.mine.family]}` }) },
  'GET /public/bulletins/{month}/file': {
    own: (c) => ({ method: 'GET', path: `/public/bulletins/${c.w.bulletins.published}/file` }),
  },
  // The assessment (考核): the office every department's, a department its own.
  'GET /assessments': {
    own: (c) => ({ method: 'GET', path: `/assessments${isOffice(c) ? `?department=${c.mine.department.orgId}` : ''}` }),
    other: (c) => (isDepartment(c) ? { method: 'GET', path: `/assessments?department=${c.theirs.department.orgId}` } : undefined),
    otherStatus: 403,
    why: "a department names another's assessment in query.department: 403 (assessments.ts)",
    check: (a, c) => (isDepartment(c) && (a.json?.departments ?? []).some((d: { orgId: string }) => d.orgId !== c.caller.orgId) ? "listed another department's score" : undefined),
  },
  // Upstream deliveries (issue 18): the credit office's alone; a destination is the county's, no organisation's.
  'GET /exchange/destinations': { own: () => ({ method: 'GET', path: '/exchange/destinations' }) },
  'GET /exchange/destinations/{destinationId}/deliveries': { own: () => ({ method: 'GET', path: '/exchange/destinations/iso-city/deliveries' }) },
  'POST /exchange/destinations/{destinationId}/redrive': { own: () => ({ method: 'POST', path: '/exchange/destinations/iso-city/redrive', body: {} }) },
  'POST /assessments/{month}/annotations': {
    own: (c) => ({ method: 'POST', path: `/assessments/${c.w.bulletins.published}/annotations`, body: { orgId: c.mine.department.orgId, text: '隔离测试备注' } }),
  },

  // Matter lists (事项清单): a department its own; the credit office every department's.
  'POST /matter-lists': {
    // Version 2, left awaiting review (version 1, in force, keeps ISO-01); a submission names no other department's list.
    own: (c) => ({ method: 'POST', path: '/matter-lists', body: { items: [matterListItemOf(c.mine.family), { ...matterListItemOf(c.mine.family), itemId: 'ISO-02' }], comment: '第 2 版' } }),
  },
  'GET /matter-lists': {
    own: (c) => ({ method: 'GET', path: `/matter-lists${isOffice(c) ? `?department=${c.mine.department.orgId}` : ''}` }),
    other: (c) => (isDepartment(c) ? { method: 'GET', path: `/matter-lists?department=${c.theirs.department.orgId}` } : undefined),
    otherStatus: 403,
    why: "a department names another's list in query.department: 403 (read-matter-lists.ts)",
    check: (a, c) => (isDepartment(c) && (a.json?.lists ?? []).some((l: { orgId: string }) => l.orgId !== c.caller.orgId) ? "listed another department's matter list" : undefined),
  },
  'GET /matter-lists/{department}': {
    own: (c) => ({ method: 'GET', path: `/matter-lists/${c.mine.department.orgId}` }),
    other: (c) => ({ method: 'GET', path: `/matter-lists/${c.theirs.department.orgId}` }),
    why: "another department's matter list: 404, as one that does not exist (read-matter-lists.ts)",
  },
  'POST /matter-lists/{department}/versions/{version}/review': {
    own: (c) => ({ method: 'POST', path: `/matter-lists/${c.w.matterListToReview.orgId}/versions/${c.w.matterListToReview.version}/review`, body: { decision: 'return', comment: '隔离测试退回' } }),
  },
  'POST /matter-lists/{department}/versions/{version}/comments': {
    own: (c) => ({ method: 'POST', path: `/matter-lists/${c.mine.department.orgId}/versions/${c.mine.matterListVersion}/comments`, body: { text: '隔离测试意见' } }),
    other: (c) => ({ method: 'POST', path: `/matter-lists/${c.theirs.department.orgId}/versions/${c.theirs.matterListVersion}/comments`, body: { text: '越权意见' } }),
    why: "another department's matter list: 404 (comment-matter-list.ts)",
  },

  'POST /departments': {
    own: (c) => ({ method: 'POST', path: '/departments', body: { orgId: c.w.unique('dept-iso'), name: '郏县隔离测试新局' } }),
  },

  'GET /departments': { own: () => ({ method: 'GET', path: '/departments' }) },

  'GET /data-quality': {
    own: (c) => ({ method: 'GET', path: `/data-quality${isOffice(c) ? `?department=${c.mine.department.orgId}` : ''}` }),
    other: (c) => (isOffice(c) ? undefined : { method: 'GET', path: `/data-quality?department=${c.theirs.department.orgId}` }),
    otherStatus: 403,
    why: "a department names another's desk in query.department: 403 whether or not it exists (data-quality.ts)",
  },
  'GET /imports/templates/{kind}': { own: () => ({ method: 'GET', path: '/imports/templates/penalty' }) },
  'POST /imports': { own: () => ({ method: 'POST', path: '/imports', body: { kind: 'licence', fileName: '行政许可.csv' } }) },
  'GET /imports': { own: () => ({ method: 'GET', path: '/imports' }) },
  'GET /imports/{id}': {
    own: (c) => ({ method: 'GET', path: `/imports/${c.mine.importId}` }),
    other: (c) => (isOffice(c) ? undefined : { method: 'GET', path: `/imports/${c.theirs.importId}` }),
    why: "another department's import: 404 (imports.ts)",
  },

  'GET /usage-lists/{period}': {
    own: (c) => ({
      method: 'GET',
      path: `/usage-lists/${c.w.period}${isOffice(c) ? `?department=${c.mine.department.orgId}` : ''}`,
      shows: showsFor(c, ['department', 'creditOffice'], markerOf(c.mine.family, 'check')),
    }),
    other: (c) => (isOffice(c) ? undefined : { method: 'GET', path: `/usage-lists/${c.w.period}?department=${c.theirs.department.orgId}` }),
    otherStatus: 403,
    why: "a department names another's list in query.department: 403 whether or not it exists (usage-lists.ts)",
  },

  'POST /usage-lists/{period}/submit': {
    own: (c) => ({
      method: 'POST',
      path: `/usage-lists/${c.w.previousPeriod}/submit`,
      body: { submitter: `报送人 ${markerOf(c.mine.family, 'submitter')}`, revision: 2 },
      shows: showsFor(c, ['department'], markerOf(c.mine.family, 'submitter')),
    }),
    other: (c) => ({ method: 'POST', path: `/usage-lists/${c.w.previousPeriod}/submit?department=${c.theirs.department.orgId}`, body: { submitter: '越权报送', revision: 2 } }),
    otherStatus: 403,
    why: "submitting another department's list (query.department): 403 (usage-lists.ts)",
  },

  'GET /usage-lists/{period}/export': {
    own: (c) => ({
      method: 'GET',
      path: `/usage-lists/${c.w.period}/export?format=csv${isOffice(c) ? `&department=${c.mine.department.orgId}` : ''}`,
      shows: showsFor(c, ['department', 'creditOffice'], markerOf(c.mine.family, 'check')),
    }),
    other: (c) => (isOffice(c) ? undefined : { method: 'GET', path: `/usage-lists/${c.w.period}/export?format=csv&department=${c.theirs.department.orgId}` }),
    otherStatus: 403,
    why: "exporting another department's list (query.department): 403 (usage-lists.ts)",
  },

  'GET /compliance': { own: () => ({ method: 'GET', path: '/compliance' }) },

  'POST /agencies': {
    own: (c) => ({
      method: 'POST',
      path: '/agencies',
      body: { agencyId: c.w.unique('agency-iso'), name: '隔离测试新信用服务有限公司', uscc: uscc('MC0000901'), filingNumber: '信备〔2026〕99号', filingAuthority: '郏县信用办' },
    }),
  },

  'PATCH /agencies/{id}': {
    own: (c) => ({ method: 'PATCH', path: `/agencies/${c.w.agencyToUpdate}`, body: { status: 'active', reason: '年度复核通过' } }),
  },

  'GET /public/agencies': { own: () => ({ method: 'GET', path: '/public/agencies' }) },

  'POST /reports/uploads': {
    own: (c) => ({
      method: 'POST',
      path: '/reports/uploads',
      body: { subjectId: c.mine.subjectId, reportNumber: c.w.unique('RPT'), reportType: 'special', issueDate: c.w.today, rating: 'AA' },
    }),
    // The other agency's report number: numbers are unique per agency, so this is the caller's own new upload.
    other: (c) => ({
      method: 'POST',
      path: '/reports/uploads',
      body: { subjectId: c.theirs.subjectId, reportNumber: c.theirs.uploadReportNumber, reportType: 'special', issueDate: c.w.today, rating: 'AA' },
    }),
    otherStatus: 201,
    why: "report numbers are unique per agency: another agency's number is a new upload of the caller's (201), never a 409 disclosing it",
    check: (a, c, side) => (side === 'other' && a.json?.uploadId === c.theirs.uploadId ? `answered with the other agency's upload ${a.json.uploadId}` : undefined),
  },

  'GET /reports/uploads/{id}': {
    own: (c) => ({ method: 'GET', path: `/reports/uploads/${c.mine.uploadId}` }),
    other: (c) => ({ method: 'GET', path: `/reports/uploads/${c.theirs.uploadId}` }),
    why: "another agency's upload: 404 (uploads.ts)",
  },

  'POST /reports/{id}/void': {
    own: (c) => ({
      method: 'POST',
      path: `/reports/${isOffice(c) ? c.w.officeReportToVoid : c.mine.reportToVoidId}/void`,
      body: { reason: '报告所依据的材料失实' },
      shows: showsFor(c, ['agency', 'creditOffice'], markerOf(c.mine.family, 'report')),
    }),
    other: (c) => (isOffice(c) ? undefined : { method: 'POST', path: `/reports/${c.theirs.reportToVoidId}/void`, body: { reason: '越权作废' } }),
    otherStatus: 403,
    why: "only the issuing agency and the credit office void a report: 403 (subject-reports.ts); the report id is in every check that showed it",
  },

  'GET /subjects/{subjectId}/reports': {
    own: (c) => ({ method: 'GET', path: `/subjects/${c.mine.subjectId}/reports`, shows: showsFor(c, ['subject', 'creditOffice'], markerOf(c.mine.family, 'report')) }),
    other: (c) => (isOffice(c) ? undefined : { method: 'GET', path: `/subjects/${c.theirs.subjectId}/reports` }),
    otherStatus: 403,
    why: "a subject asking for another subject's reports: 403 (subject-reports.ts)",
  },

  'GET /public/notices': { own: () => ({ method: 'GET', path: '/public/notices?limit=200' }) },

  'GET /notices': {
    own: (c) => ({ method: 'GET', path: '/notices?limit=200', shows: showsFor(c, ['department', 'creditOffice'], c.mine.repairId) }),
    other: (c) => (isOffice(c) ? undefined : { method: 'GET', path: `/notices?addressee=${encodeURIComponent(sameRoleOther(c).orgId)}` }),
    otherStatus: 400,
    why: 'naming another addressee (query.addressee) is refused as a bad query: 400 (list-notices.ts)',
    check: (a, c, side) => {
      if (side !== 'own' || !['department', 'agency'].includes(c.caller.role)) return undefined;
      const foreign = ((a.json?.notices ?? []) as { addressee?: string }[]).filter((n) => n.addressee !== c.caller.orgId);
      return foreign.length ? `notices addressed to others: ${foreign.map((n) => n.addressee).join(', ')}` : undefined;
    },
  },

  'POST /objections': {
    own: (c) => ({ method: 'POST', path: '/objections', body: { recordId: isOffice(c) ? c.w.officeObjectionTarget : c.mine.records.objectionTarget, reason: '处罚对象有误' } }),
    other: (c) => (isOffice(c) ? undefined : { method: 'POST', path: '/objections', body: { recordId: c.theirs.records.objectionTarget, reason: '越权异议' } }),
    why: "a subject objecting to another subject's record: 404, as a record that does not exist (raise-case.ts)",
  },

  'GET /objections/{id}': {
    own: (c) => ({ method: 'GET', path: `/objections/${c.mine.objectionId}`, shows: showsFor(c, ['department', 'subject', 'creditOffice'], markerOf(c.mine.family, 'objection')) }),
    other: (c) => ({ method: 'GET', path: `/objections/${c.theirs.objectionId}` }),
    why: "a case the caller is not party to: 404 (case-access.ts)",
  },

  'GET /objections': {
    own: (c) => ({ method: 'GET', path: '/objections?limit=200', shows: showsFor(c, ['department', 'subject', 'creditOffice'], markerOf(c.mine.family, 'objection')) }),
    // Naming the other family's provider: a department is refused, a subject's listing ignores it.
    other: (c) => (isDepartment(c) || c.caller.role === 'subject' ? { method: 'GET', path: `/objections?provider=${c.theirs.department.orgId}` } : undefined),
    otherStatus: { department: 400, subject: 200 },
    why: "a department naming another provider (query.provider) is refused as a bad query: 400; a subject's list is its own whatever it names: 200 (read-cases.ts)",
  },

  'POST /objections/{id}/verification': {
    own: (c) => ({
      method: 'POST',
      path: `/objections/${c.mine.objectionToAnswerId}/verification`,
      body: { outcome: 'upheld', reasoning: '经核查，处罚决定无误' },
      shows: showsFor(c, ['department'], markerOf(c.mine.family, 'objection')),
    }),
    other: (c) => ({ method: 'POST', path: `/objections/${c.theirs.objectionToAnswerId}/verification`, body: { outcome: 'revoked', reasoning: '越权答复' } }),
    why: 'only the providing department answers; to any other department the case is not found: 404, the provider not named (issue 13, 3k)',
  },

  'POST /objections/{id}/evidence': {
    own: (c) => ({
      method: 'POST',
      path: `/objections/${c.mine.objectionId}/evidence`,
      body: { evidence: [{ fileName: '补充证据.pdf', contentType: 'application/pdf', bytes: 2048 }] },
      shows: showsFor(c, ['subject', 'creditOffice'], markerOf(c.mine.family, 'objection')),
    }),
    other: (c) => (isOffice(c) ? undefined : { method: 'POST', path: `/objections/${c.theirs.objectionId}/evidence`, body: { evidence: [{ fileName: '越权证据.pdf', contentType: 'application/pdf', bytes: 2048 }] } }),
    why: "evidence to another subject's objection: 404, as a case that does not exist (case-access.ts)",
  },

  'POST /repairs': {
    own: (c) => ({
      method: 'POST',
      path: '/repairs',
      body: { recordId: c.mine.records.repairTarget, reason: '罚款已缴清', commitment: '今后诚信经营', correctiveActions: '已整改' },
    }),
    other: (c) => ({ method: 'POST', path: '/repairs', body: { recordId: c.theirs.records.repairTarget, reason: '越权', commitment: '越权', correctiveActions: '越权' } }),
    why: "a subject asking repair of another subject's record: 404 (raise-case.ts)",
  },

  'GET /repairs/{id}': {
    own: (c) => ({ method: 'GET', path: `/repairs/${c.mine.repairId}`, shows: showsFor(c, ['department', 'subject', 'creditOffice'], markerOf(c.mine.family, 'repair')) }),
    other: (c) => ({ method: 'GET', path: `/repairs/${c.theirs.repairId}` }),
    why: 'a case the caller is not party to: 404 (case-access.ts)',
  },

  'GET /repairs': {
    own: (c) => ({ method: 'GET', path: '/repairs?limit=200', shows: showsFor(c, ['department', 'subject', 'creditOffice'], markerOf(c.mine.family, 'repair')) }),
    other: (c) => (isDepartment(c) || c.caller.role === 'subject' ? { method: 'GET', path: `/repairs?provider=${c.theirs.department.orgId}` } : undefined),
    otherStatus: { department: 400, subject: 200 },
    why: "a department naming another provider (query.provider): 400; a subject's list is its own whatever it names: 200 (read-cases.ts)",
  },

  'POST /repairs/{id}/decision': {
    own: (c) => ({
      method: 'POST',
      path: `/repairs/${c.mine.repairToDecideId}/decision`,
      body: { outcome: 'refused', reasoning: '罚款尚未缴清' },
      shows: showsFor(c, ['department'], markerOf(c.mine.family, 'repair')),
    }),
    other: (c) => ({ method: 'POST', path: `/repairs/${c.theirs.repairToDecideId}/decision`, body: { outcome: 'approved', reasoning: '越权决定' } }),
    why: 'only the providing department decides; to any other department the case is not found: 404, the provider not named (issue 13, 3k)',
  },

  'POST /cases/{id}/restart': {
    own: (c) => ({ method: 'POST', path: `/cases/${c.w.stuckCaseId}/restart` }),
  },

  'GET /checks/{id}/receipt': {
    own: (c) => ({ method: 'GET', path: `/checks/${c.mine.checkId}/receipt`, shows: showsFor(c, ['department', 'creditOffice'], markerOf(c.mine.family, 'check')) }),
    other: (c) => ({ method: 'GET', path: `/checks/${c.theirs.checkId}/receipt` }),
    why: "another department's check: 404 (read-check-receipt.ts, as GET /checks/{id})",
  },

  'POST /consents': {
    own: (c) => ({
      method: 'POST',
      path: '/consents',
      body: { grantee: c.mine.institution.orgId, purpose: { category: 'contract', text: '合同签订前审查' }, scope: { records: true, reports: false }, expiresOn: c.w.today },
    }),
    // The Idempotency-Key the other subject granted its consent with: keys are per subject, so this is a new consent.
    other: (c) => ({
      method: 'POST',
      path: '/consents',
      headers: { 'idempotency-key': c.theirs.consentKey },
      body: { grantee: c.mine.institution.orgId, purpose: { category: 'contract', text: '合同签订前审查' }, scope: { records: true, reports: false }, expiresOn: c.w.today },
    }),
    otherStatus: 201,
    why: "Idempotency-Keys are per subject: another subject's key grants a new consent (201), never answers with the other's",
    check: (a, c, side) => (side === 'other' && a.json?.consentId === c.theirs.consentId ? `answered with the other subject's consent ${a.json.consentId}` : undefined),
  },

  'DELETE /consents/{id}': {
    own: (c) => ({ method: 'DELETE', path: `/consents/${c.mine.consentToRevoke}`, shows: showsFor(c, ['subject'], markerOf(c.mine.family, 'consent')) }),
    other: (c) => ({ method: 'DELETE', path: `/consents/${c.theirs.consentId}` }),
    why: "another subject's consent: 404 (revoke-consent.ts)",
  },

  'GET /consents': {
    own: (c) => ({ method: 'GET', path: '/consents?limit=200', shows: showsFor(c, ['subject', 'institution', 'creditOffice'], markerOf(c.mine.family, 'consent')) }),
    other: (c) => ({ method: 'GET', path: `/consents?subjectId=${c.theirs.subjectId}` }),
    otherStatus: 403,
    why: 'only the credit office names whose consents it lists (query.subjectId): 403 (list-consents.ts)',
  },

  'POST /queries': {
    own: (c) => ({
      method: 'POST',
      path: '/queries',
      body: { subjectId: c.mine.subjectId, consentId: c.mine.consentId, purpose: '贷款申请复核' },
      shows: showsFor(c, ['institution'], markerOf(c.mine.family, 'report')),
    }),
    // The other subject's consent, granted to the other institution.
    other: (c) => ({ method: 'POST', path: '/queries', body: { subjectId: c.theirs.subjectId, consentId: c.theirs.consentId, purpose: '越权查询' } }),
    otherStatus: 403,
    why: "a consent granted to another institution: 403 CONSENT_REQUIRED, whose it is not disclosed (consent-rule.ts)",
  },

  // The public site: everyone, token or not, sees the same; a record out of publicity never shows.
  'GET /public/records': {
    // By the beginning of a name (family A: the company), by a whole code (family B: the person, whose number must come back masked).
    own: (c) => ({ method: 'GET', path: `/public/records?q=${encodeURIComponent(c.mine.family === 'A' ? '郏县甲隔离测试' : c.mine.subjectId)}` }),
  },

  'GET /public/records/{id}': { own: (c) => ({ method: 'GET', path: `/public/records/${c.mine.records.public}` }) },

  'GET /public/lists': { own: () => ({ method: 'GET', path: '/public/lists?list=black&limit=200' }) },

  'GET /subjects/{subjectId}/report.pdf': {
    own: (c) => ({ method: 'GET', path: `/subjects/${c.mine.subjectId}/report.pdf${c.caller.role === 'institution' ? `?consentId=${c.mine.consentId}` : ''}` }),
    // Another subject's report; an institution with the consent the other subject granted to the other institution.
    other: (c) => ({ method: 'GET', path: `/subjects/${c.theirs.subjectId}/report.pdf${c.caller.role === 'institution' ? `?consentId=${c.theirs.consentId}` : ''}` }),
    otherStatus: 403,
    why: "another subject's credit report: 403; an institution under a consent granted to another: 403 CONSENT_REQUIRED (generate-credit-report.ts)",
  },

  'GET /public/report-verifications/{code}': { own: (c) => ({ method: 'GET', path: `/public/report-verifications/${encodeURIComponent(c.w.reportVerificationCode)}` }) },

  'GET /me/checks': {
    own: (c) => ({ method: 'GET', path: '/me/checks?limit=200', shows: showsFor(c, ['subject'], markerOf(c.mine.family, 'check')) }),
  },
};

/** The organisation of the caller's role in the other family (for a query naming "another" of one's kind). */
const sameRoleOther = (c: CellContext): Org => orgOf(c.caller.role, c.theirs.family);

export const contextFor = (w: World, caller: Org): CellContext => ({ caller, mine: world(w, caller.family), theirs: world(w, caller.family === 'A' ? 'B' : 'A'), w });

export type Expected = { status: number | '2xx'; why?: string };

/** What `caller` must get on `route` for `side`: derived from the declaration, then this table. Undefined: not applicable. */
export function expectedAnswer(trigger: HttpTrigger, routeCase: RouteCase, role: Role, side: 'own' | 'other'): Expected | undefined {
  if ('public' in trigger.access) return side === 'own' ? { status: 200, why: 'public route' } : undefined;
  // There is one credit office per county, and it supervises everything: it has no "other".
  if (role === 'creditOffice' && side === 'other') return undefined;
  if (!trigger.access.roles.includes(role)) return { status: 403, why: 'role not in the declaration' };
  if (side === 'own') return { status: '2xx' };
  const status = typeof routeCase.otherStatus === 'number' ? routeCase.otherStatus : (routeCase.otherStatus?.[role] ?? 404);
  return { status, why: routeCase.why };
}
