/**
 * Every item key of the credit table, built here and nowhere else.
 * Access patterns are listed in docs/access-patterns.md.
 */
export const keys = {
  /** An organisation known to the platform: a department, agency or the credit office. */
  organisation: (orgId: string) => ({ pk: `ORG#${orgId}`, sk: 'ORG' }),
  organisationsByRole: (role: string, orgId: string) => ({ gsi1pk: `ORGS#${role}`, gsi1sk: orgId }),
  /** A department's system registered by the credit office (OAuth 2.0 client credentials, docs/machine-clients.md). */
  machineClient: (clientId: string) => ({ pk: `MCLIENT#${clientId}`, sk: 'MCLIENT' }),
  /** Every machine client, by department then client (gsi1): the office's register, a department's own. */
  machineClientsByDepartment: (departmentOrgId: string, clientId: string) => ({ gsi1pk: 'MCLIENTS', gsi1sk: `${departmentOrgId}#${clientId}` }),
  machineClients: 'MCLIENTS',

  /** A commitment taken at a check (信用承诺), followed up until fulfilled or breached; its record is a commitment record. */
  commitment: (recordId: string) => ({ pk: `COMMITMENT#${recordId}`, sk: 'COMMITMENT' }),
  /** The department's commitments by due day (gsi1). */
  commitmentsByDepartment: (orgId: string, dueDate: string, recordId: string) => ({ gsi1pk: `PROVIDER#${orgId}#COMMITMENTS`, gsi1sk: `${dueDate}#${recordId}` }),
  commitmentsOfDepartment: (orgId: string) => `PROVIDER#${orgId}#COMMITMENTS`,
  /** Sparse: open commitments by due day, removed when a result is recorded (the daily follow-up reads only these). */
  openCommitmentsByDueDay: (dueDate: string, recordId: string) => ({ gsi2pk: 'COMMITMENTS#OPEN', gsi2sk: `${dueDate}#${recordId}` }),
  openCommitments: 'COMMITMENTS#OPEN',

  /** A matter a department handled (办件, shared/coverage), once per department and case number: reporting it again updates it. */
  matterHandled: (orgId: string, reference: string) => ({ pk: `MATTER#${orgId}#${reference}`, sk: 'MATTER' }),
  /** The department's matters by decision day (gsi1): a month is one key range. */
  mattersHandledByDay: (orgId: string, decidedOn: string, reference: string) => ({ gsi1pk: `PROVIDER#${orgId}#MATTERS`, gsi1sk: `${decidedOn}#${reference}` }),
  mattersHandledBetween: (orgId: string, fromDay: string, toDay: string) => ({ gsi1pk: `PROVIDER#${orgId}#MATTERS`, from: `${fromDay}#`, to: `${toDay}#\uffff` }),

  /**
   * A department's matter list (事项清单, shared/matter-lists): its head (state, the version in force with its
   * items, the pending version) and its versions, in one partition; every department's head on gsi1.
   */
  matterListHead: (orgId: string) => ({ pk: `MATTERLIST#${orgId}`, sk: 'HEAD' }),
  matterListHeads: (orgId: string) => ({ gsi1pk: 'MATTERLISTS', gsi1sk: orgId }),
  matterLists: 'MATTERLISTS',
  matterListVersion: (orgId: string, version: number) => ({ pk: `MATTERLIST#${orgId}`, sk: `VERSION#${String(version).padStart(6, '0')}` }),
  matterListVersionsOf: (orgId: string) => ({ pk: `MATTERLIST#${orgId}`, skPrefix: 'VERSION#' }),
  /** A submission's Idempotency-Key (hashed): the version it made and the hash of what was asked. */
  matterListSubmission: (orgId: string, submissionId: string) => ({ pk: `MATTERLIST#${orgId}`, sk: `SUBMISSION#${submissionId}` }),

  /**
   * Narrative filings (shared/filings/): a document announced by a department (a presigned POST to the reports
   * bucket), then confirmed with its metadata as a revision; revisions are kept, the latest pointer moves.
   */
  filingUpload: (uploadId: string) => ({ pk: `FILINGUPLOAD#${uploadId}`, sk: 'FILINGUPLOAD' }),
  filingObject: (orgId: string, uploadId: string, extension: string) => `filings/${orgId}/${uploadId}.${extension}`,
  filingRevision: (orgId: string, kind: string, period: string, revision: number) => ({ pk: `FILING#${orgId}#${kind}#${period}`, sk: `REV#${String(revision).padStart(6, '0')}` }),
  filingLatest: (orgId: string, kind: string, period: string) => ({ pk: `FILING#${orgId}#${kind}#${period}`, sk: 'LATEST' }),
  /** Sparse, on the latest pointer only: who filed a kind's period, one query (the office's view, the overdue source, the port). */
  filingsOfPeriod: (kind: string, period: string, orgId: string) => ({ gsi2pk: `FILINGS#${kind}#${period}`, gsi2sk: orgId }),
  filingsOfPeriodPartition: (kind: string, period: string) => `FILINGS#${kind}#${period}`,
  /** Every revision a department filed, by kind and period (gsi1): its own list in one query. */
  filingsByDepartment: (orgId: string, kind: string, period: string, revision: number) => ({ gsi1pk: `PROVIDER#${orgId}#FILINGS`, gsi1sk: `${kind}#${period}#${String(revision).padStart(6, '0')}` }),
  filingsOfDepartment: (orgId: string) => `PROVIDER#${orgId}#FILINGS`,

  /** An object that arrived in the reports bucket; one item per object version (S3 events come at least once). */
  upload: (bucket: string, objectKey: string, version: string) => ({
    pk: `UPLOAD#${bucket}/${objectKey}`,
    sk: `VERSION#${version}`,
  }),
  uploadsByDay: (date: string, objectKey: string) => ({ gsi1pk: `UPLOADS#${date}`, gsi1sk: objectKey }),

  /** An objection or credit-repair case, run by the verification workflow. */
  verificationCase: (caseId: string) => ({ pk: `CASE#${caseId}`, sk: 'CASE' }),
  /** The providing department's cases, newest last. */
  casesByProvider: (providerOrgId: string, raisedAt: string, caseId: string) => ({
    gsi1pk: `PROVIDER#${providerOrgId}#CASES`,
    gsi1sk: `${raisedAt}#${caseId}`,
  }),
  casesOfProvider: (providerOrgId: string) => `PROVIDER#${providerOrgId}#CASES`,
  /** Sparse: open cases by answer day, removed when the case closes (the credit office's queue, the overdue scan). */
  openCasesByAnswerDay: (answerBy: string, caseId: string) => ({ gsi2pk: 'CASES#OPEN', gsi2sk: `${answerBy}#${caseId}` }),
  openCases: 'CASES#OPEN',
  /**
   * Every case by its state, since it entered that state (gsi3; case items use no other gsi3 entry): the
   * daily reconciliation reads the cases in flight and those closed in the last days, never the table.
   */
  casesInState: (state: string, since: string, caseId: string) => ({ gsi3pk: `CASES#STATE#${state}`, gsi3sk: `${since}#${caseId}` }),
  casesInStatePartition: (state: string) => `CASES#STATE#${state}`,
  /** A pointer to a case in the subject's partition: the subject lists its cases in one query. */
  subjectCase: (subjectId: string, caseId: string) => ({ pk: `SUBJECT#${subjectId}`, sk: `CASE#${caseId}` }),
  subjectCasePrefix: 'CASE#',
  /** Evidence files of a case, posted by the subject's browser to the reports bucket. */
  caseEvidenceObject: (caseId: string, evidenceId: string, extension: string) => `evidence/${caseId}/${evidenceId}.${extension}`,
  caseEvidencePrefix: (caseId: string) => `evidence/${caseId}/`,

  /** Idempotency of a pushed record: (department, kind, decision document number). */
  recordKey: (orgId: string, kind: string, decisionNumber: string) => ({ pk: `RECORDKEY#${orgId}#${kind}#${decisionNumber}`, sk: 'KEY' }),
  /** One version of a record; versions of a record sort oldest → newest. */
  recordVersion: (recordId: string, version: number) => ({ pk: `RECORD#${recordId}`, sk: `VERSION#${String(version).padStart(6, '0')}` }),
  recordVersionsOf: (recordId: string) => ({ pk: `RECORD#${recordId}`, skPrefix: 'VERSION#' }),
  /**
   * A change of a record (created, corrected, objection raised or resolved, revoked, repaired), beside its versions,
   * written in the transaction that made it: what goes upstream (docs/exchange.md). `seq` sorts the record's
   * changes in the order they happened (`version#instant#change`).
   */
  recordChange: (recordId: string, seq: string) => ({ pk: `RECORD#${recordId}`, sk: `CHANGE#${seq}` }),
  recordChangesOf: (recordId: string) => ({ pk: `RECORD#${recordId}`, skPrefix: 'CHANGE#' }),
  /** Sparse, on a change until the exchange has handed it to each destination: every pending change, oldest first. */
  pendingRecordChange: (at: string, recordId: string, seq: string) => ({ gsi2pk: 'CHANGES#PENDING', gsi2sk: `${at}#${recordId}#${seq}` }),
  pendingRecordChanges: 'CHANGES#PENDING',
  /** The subject's partition: its profile and the current copy of each of its records. */
  subjectPartition: (subjectId: string) => `SUBJECT#${subjectId}`,
  subjectProfile: (subjectId: string) => ({ pk: `SUBJECT#${subjectId}`, sk: 'PROFILE' }),
  subjectRecord: (subjectId: string, recordId: string) => ({ pk: `SUBJECT#${subjectId}`, sk: `RECORD#${recordId}` }),
  recordsByProvider: (orgId: string, receivedAt: string, recordId: string) => ({ gsi1pk: `PROVIDER#${orgId}#RECORDS`, gsi1sk: `${receivedAt}#${recordId}` }),
  recordsOfProvider: (orgId: string) => `PROVIDER#${orgId}#RECORDS`,
  /**
   * Sparse, on version 1 of a record that is a credit crisis (shared/records/crisis-record.ts; version items use no
   * other index): such records by first receipt day, so the daily scan telling agencies of reports to re-evaluate
   * reads the crisis records of a few days, never a department's whole inflow.
   */
  crisisRecordsByDay: (receivedOn: string, recordId: string) => ({ gsi2pk: `CRISIS#${receivedOn}`, gsi2sk: recordId }),
  crisisRecordsOn: (receivedOn: string) => `CRISIS#${receivedOn}`,
  latePublications: (receivedOn: string, orgId: string, recordId: string) => ({ gsi2pk: `LATE#${receivedOn}`, gsi2sk: `${orgId}#${recordId}` }),
  latePublicationsOn: (receivedOn: string) => `LATE#${receivedOn}`,
  /**
   * Sparse, on the current copy of a red- or black-list record (never a late publication: lateness is for
   * licences and penalties only, so gsi2 is free on these copies): the public lists (`GET /public/lists`),
   * by the last day listed, so a key range from today reads only entries not yet ended. No end sorts last.
   */
  listEntry: (kind: 'redList' | 'blackList', publicUntil: string | null, recordId: string) => ({
    gsi2pk: `LIST#${kind}`,
    gsi2sk: `${publicUntil ?? '9999-12-31'}#${recordId}`,
  }),
  listEntriesOf: (kind: 'redList' | 'blackList') => `LIST#${kind}`,
  /**
   * An organisation's name in the search index of the public site (`GET /public/records?q=`), on its
   * subject profile: one entry for the whole name normalised (gsi1) and one without the leading place
   * names (gsi2), each in a partition per first character, sorted by name, so a prefix is one key range.
   * Persons are not in it (found by the whole ID number only). Names come normalised (shared/public-site/subject-names.ts).
   */
  subjectByName: (normalisedName: string, subjectId: string) => ({ gsi1pk: `SUBJECTNAME#${[...normalisedName][0]}`, gsi1sk: `${normalisedName}#${subjectId}` }),
  subjectByShortName: (normalisedName: string, subjectId: string) => ({ gsi2pk: `SUBJECTNAME#${[...normalisedName][0]}`, gsi2sk: `${normalisedName}#${subjectId}` }),
  subjectNamesStartingWith: (normalisedPrefix: string) => ({ partition: `SUBJECTNAME#${[...normalisedPrefix][0]}`, prefix: normalisedPrefix }),

  /** A credit report of a registered agency: idempotency of (agency, report number), the upload, and the report. */
  reportKey: (agencyId: string, reportNumber: string) => ({ pk: `REPORTKEY#${agencyId}#${reportNumber}`, sk: 'KEY' }),
  reportUpload: (uploadId: string) => ({ pk: `REPORTUPLOAD#${uploadId}`, sk: 'UPLOAD' }),
  /** The subject's copy of a report lives in the subject partition, so a check reads it in the same query. */
  subjectReport: (subjectId: string, reportId: string) => ({ pk: `SUBJECT#${subjectId}`, sk: `REPORT#${reportId}` }),
  report: (reportId: string) => ({ pk: `REPORT#${reportId}`, sk: 'REPORT' }),
  /**
   * A department's import of a spreadsheet (批量导入): the job with its progress and checkpoint, and each
   * refused row beside it in the same partition (the result file and the data-quality desk read them).
   */
  importJob: (importId: string) => ({ pk: `IMPORT#${importId}`, sk: 'IMPORT' }),
  importPartition: (importId: string) => `IMPORT#${importId}`,
  importRefusedRow: (importId: string, row: number) => ({ pk: `IMPORT#${importId}`, sk: `ROW#${String(row).padStart(10, '0')}` }),
  importRefusedRowsPrefix: 'ROW#',
  /** A department's imports, newest last. */
  importsByDepartment: (orgId: string, createdAt: string, importId: string) => ({ gsi1pk: `DEPARTMENT#${orgId}#IMPORTS`, gsi1sk: `${createdAt}#${importId}` }),
  importsOfDepartment: (orgId: string) => `DEPARTMENT#${orgId}#IMPORTS`,
  /** Object keys of an import: the clerk's file, a continuation of its ingest, and the result file. */
  importObject: (orgId: string, importId: string, extension: string) => `imports/incoming/${orgId}/${importId}.${extension}`,
  importContinuationObject: (importId: string, fromRow: number) => `imports/continue/${importId}/${String(fromRow).padStart(10, '0')}.json`,
  importResultObject: (importId: string) => `imports/results/${importId}.xlsx`,

  /** Object keys of the reports bucket: where an agency's browser posts a report, and where a refused one is kept. */
  incomingReportObject: (agencyId: string, uploadId: string) => `reports/incoming/${agencyId}/${uploadId}.pdf`,
  rejectedReportObject: (agencyId: string, uploadId: string) => `rejected/${agencyId}/${uploadId}.pdf`,

  /** A notice (通报) is unique per kind and subject of the notice: publishing twice stores nothing new. */
  notice: (kind: string, about: string) => ({ pk: `NOTICE#${kind}#${about}`, sk: 'NOTICE' }),
  noticesByDay: (date: string, kind: string, about: string) => ({ gsi1pk: `NOTICES#${date}`, gsi1sk: `${kind}#${about}` }),
  noticesOfDay: (date: string) => `NOTICES#${date}`,
  /** Notices to one addressee (a department, agency, subject or `creditOffice`), by date: its `GET /notices`. */
  noticesByAddressee: (addressee: string, date: string, publishedAt: string, kind: string, about: string) => ({
    gsi2pk: `ADDRESSEE#${addressee}`,
    gsi2sk: `${date}#${publishedAt}#${kind}#${about}`,
  }),
  noticesOfAddressee: (addressee: string) => `ADDRESSEE#${addressee}`,
  /** Sparse: the public notices (通报) of the county, by date, in one partition: `GET /public/notices`. */
  publicNotices: (date: string, publishedAt: string, kind: string, about: string) => ({
    gsi3pk: 'NOTICES#PUBLIC',
    gsi3sk: `${date}#${publishedAt}#${kind}#${about}`,
  }),
  publicNoticesPartition: 'NOTICES#PUBLIC',

  /**
   * Sparse: what falls due on a county-local day, in one partition per kind of due item and month (the
   * overdue scan reads a few days of one or two months, never the table): a record's current copy on the
   * first day it is no longer public, a report (copy by id) on its last valid day.
   */
  dueOn: (what: DueItemKind, day: string, id: string) => ({ gsi3pk: `DUE#${what}#${day.slice(0, 7)}`, gsi3sk: `${day}#${id}` }),
  dueInMonth: (what: DueItemKind, month: string) => `DUE#${what}#${month}`,
  /** Sort-key bounds of the county-local days `from`..`to` (inclusive) in an index sorted by `<day>#…` (notices, due items). */
  daysBetween: (from: string, to: string) => ({ from: `${from}#`, to: `${to}#~` }),

  /**
   * A subject's consent for an institution to query it (shared/consents/): one item, read by id with a
   * consistent read when a query relies on it, listed newest first through three index entries: the
   * subject's (gsi1), the grantee's (gsi2) and the county's (gsi3, for the credit office).
   */
  consent: (consentId: string) => ({ pk: `CONSENT#${consentId}`, sk: 'CONSENT' }),
  consentsBySubject: (subjectId: string, grantedAt: string, consentId: string) => ({ gsi1pk: `SUBJECT#${subjectId}#CONSENTS`, gsi1sk: `${grantedAt}#${consentId}` }),
  consentsOfSubject: (subjectId: string) => `SUBJECT#${subjectId}#CONSENTS`,
  consentsByGrantee: (granteeId: string, grantedAt: string, consentId: string) => ({ gsi2pk: `GRANTEE#${granteeId}#CONSENTS`, gsi2sk: `${grantedAt}#${consentId}` }),
  consentsOfGrantee: (granteeId: string) => `GRANTEE#${granteeId}#CONSENTS`,
  consentsByTime: (grantedAt: string, consentId: string) => ({ gsi3pk: 'CONSENTS#ALL', gsi3sk: `${grantedAt}#${consentId}` }),
  allConsents: 'CONSENTS#ALL',

  /**
   * The office's assessment (考核) of a month: the snapshot of the scores the month's bulletin was drawn from
   * (written when the bulletin is drafted, refreshed until it is published), and the office's annotations on a
   * department's score, each its own item, in one partition per month.
   */
  assessmentSnapshot: (month: string) => ({ pk: `ASSESSMENT#${month}`, sk: 'SNAPSHOT' }),
  assessmentPartition: (month: string) => `ASSESSMENT#${month}`,
  assessmentNote: (month: string, orgId: string, at: string, noteId: string) => ({ pk: `ASSESSMENT#${month}`, sk: `NOTE#${orgId}#${at}#${noteId}` }),
  assessmentNotesPrefix: 'NOTE#',
  /** A monthly bulletin (月通报): draft, then published; every bulletin by month in one index partition (gsi1). */
  bulletin: (month: string) => ({ pk: `BULLETIN#${month}`, sk: 'BULLETIN' }),
  bulletinsByMonth: (month: string) => ({ gsi1pk: 'BULLETINS', gsi1sk: month }),
  bulletins: 'BULLETINS',
  /** Sparse: published bulletins the public may read (counties whose file says so), by month (gsi2). */
  publicBulletinsByMonth: (month: string) => ({ gsi2pk: 'BULLETINS#PUBLIC', gsi2sk: month }),
  publicBulletins: 'BULLETINS#PUBLIC',
  /** The files of a published bulletin, kept: the PDF and the workbook of its revision. */
  bulletinObject: (month: string, revision: number, extension: 'pdf' | 'xlsx') => `bulletins/${month}/${String(revision).padStart(3, '0')}.${extension}`,

  /**
   * What a generated credit report said, under its verification code (shared/credit-report/): written once
   * when the PDF is made, read by the public verification route. No index: a code is only ever looked up whole.
   */
  reportVerification: (code: string) => ({ pk: `REPORTVERIFY#${code}`, sk: 'VERIFICATION' }),

  /**
   * Deliveries of record changes to an upstream destination (shared/exchange): one partition per destination and
   * record, the record's changes in order (`seq`), so what goes next for a record is one query.
   */
  delivery: (destinationId: string, recordId: string, seq: string) => ({ pk: `DELIVERY#${destinationId}#${recordId}`, sk: seq }),
  deliveriesOfRecord: (destinationId: string, recordId: string) => `DELIVERY#${destinationId}#${recordId}`,
  /** Every delivery of a destination, newest first by when it was queued (the console's list). */
  deliveryByQueuedAt: (destinationId: string, queuedAt: string, recordId: string, seq: string) => ({ gsi1pk: `DELIVERIES#${destinationId}`, gsi1sk: `${queuedAt}#${recordId}#${seq}` }),
  deliveriesOfDestination: (destinationId: string) => `DELIVERIES#${destinationId}`,
  /**
   * Sparse, by state (`due`: the head of its record's queue, by next attempt; `waiting`: behind an earlier change
   * of its record; `failed`: dead-lettered, by when; `file#<day>`: queued for a file drop of that day).
   */
  deliveryInState: (destinationId: string, state: string, sortKey: string) => ({ gsi2pk: `DELIVERIES#${destinationId}#${state}`, gsi2sk: sortKey }),
  deliveriesInState: (destinationId: string, state: string) => `DELIVERIES#${destinationId}#${state}`,
  /** A destination's counters and file-drop progress; the dispatcher's lease. */
  destinationState: (destinationId: string) => ({ pk: `DESTINATION#${destinationId}`, sk: 'STATE' }),
  exchangeLease: { pk: 'EXCHANGE#LEASE', sk: 'LEASE' },

  /**
   * National lists taken into checks (shared/national-lists, docs/exchange.md). An entry's states are immutable
   * items in its subject's partition, one per import that changed it (`seq`, zero-padded), so a check reads them
   * beside the subject's other items; a source's states also sit in one gsi1 partition, by entry then seq, which
   * an import reads to know what it changes. Which seqs count is the source's state item (committed seq, skipped
   * seqs): an import's items count only once it is committed.
   */
  nationalListEntryState: (subjectKey: string, source: string, entryId: string, seq: number) => ({
    pk: `SUBJECT#${subjectKey}`,
    sk: `NATLIST#${source}#${entryId}#${String(seq).padStart(10, '0')}`,
    gsi1pk: `NATLIST#${source}`,
    gsi1sk: `${entryId}#${String(seq).padStart(10, '0')}`,
  }),
  nationalListEntriesOfSubjectPrefix: 'NATLIST#',
  nationalListStatesOfSource: (source: string) => `NATLIST#${source}`,
  /** A source's state: its committed seq, skipped seqs, list date, counts, and the import in progress. */
  nationalListSource: (source: string) => ({ pk: `NATLISTSOURCE#${source}`, sk: 'STATE' }),
  /** An import of a list file, by its id (a hash of source, mode, list date and file); every import by start time on gsi1. */
  nationalListImport: (importId: string) => ({ pk: `NATLISTIMPORT#${importId}`, sk: 'IMPORT' }),
  nationalListImportsByTime: (startedAt: string, importId: string) => ({ gsi1pk: 'NATLISTIMPORTS', gsi1sk: `${startedAt}#${importId}` }),
  nationalListImports: 'NATLISTIMPORTS',
} as const;

/** Kinds of item in the due-date index (`keys.dueOn`). */
export type DueItemKind = 'publicity-end' | 'report-expiry';

/** Keys of the usage log (one item per credit check). */
export const usageKeys = {
  /**
   * The usage log as a Merkle tree (docs/usage-log.md): an organisation's complete subtrees `(level, index)` and its
   * head (size, root, frontier) in one partition; the signed heads, public, in another.
   */
  logNode: (orgId: string, level: number, index: number) => ({ pk: `LOG#${orgId}`, sk: `N#${String(level).padStart(2, '0')}#${String(index).padStart(12, '0')}` }),
  logHead: (orgId: string) => ({ pk: `LOG#${orgId}`, sk: 'HEAD' }),
  /** A block of 2^level leaves whose subtrees below `level` were moved to S3 (shared/usage-log/retention.ts). */
  logBlock: (orgId: string, level: number, index: number) => ({ pk: `LOG#${orgId}`, sk: `BLOCK#${String(level).padStart(2, '0')}#${String(index).padStart(12, '0')}` }),
  logBlocksPrefix: 'BLOCK#',
  signedLogHead: (orgId: string, treeSize: number, timestamp: string) => ({ pk: `LOGHEADS#${orgId}`, sk: `${String(treeSize).padStart(12, '0')}#${timestamp}` }),
  signedLogHeadsOf: (orgId: string) => `LOGHEADS#${orgId}`,
  /** Every organisation that has a log (one item each, written with its first head): what the signer and the public page list. */
  logOfOrg: (orgId: string) => ({ pk: 'LOGS', sk: orgId }),
  logsPartition: 'LOGS',
  /** Sparse, on an entry not yet in its organisation's tree: 16 shards, oldest first (gsi3). */
  unsequenced: (shard: number, at: string, entryId: string) => ({ gsi3pk: `UNSEQ#${String(shard).padStart(2, '0')}`, gsi3sk: `${at}#${entryId}` }),
  unsequencedShard: (shard: number) => `UNSEQ#${String(shard).padStart(2, '0')}`,
  /** One revision of a check's outcome as logged (each revision is an entry of the department's log). */
  outcomeRevision: (checkId: string, revision: number) => ({ pk: `CHECK#${checkId}`, sk: `OUTCOME#${String(revision).padStart(6, '0')}` }),
  check: (checkId: string) => ({ pk: `CHECK#${checkId}`, sk: 'CHECK' }),
  /** Sorted by the county-local day first, so a period of days is one key range. */
  checksByDepartment: (orgId: string, checkedOn: string, checkedAt: string, checkId: string) => ({ gsi1pk: `DEPT#${orgId}`, gsi1sk: `${checkedOn}#${checkedAt}#${checkId}` }),
  checksByDepartmentBetween: (orgId: string, fromDay: string, toDay: string) => ({ gsi1pk: `DEPT#${orgId}`, from: `${fromDay}#`, to: `${toDay}#~` }),
  checksOfSubject: (subjectId: string, checkedOn: string, checkedAt: string, checkId: string) => ({ gsi2pk: `SUBJECT#${subjectId}`, gsi2sk: `${checkedOn}#${checkedAt}#${checkId}` }),
  /** Every check of a subject, oldest first: the whole gsi2 partition of `checksOfSubject`. */
  checksOfSubjectPrefix: (subjectId: string) => ({ gsi2pk: `SUBJECT#${subjectId}` }),

  /** A department's usage list of a period (使用情况清单): one partition holding its revisions, latest pointer, draft and rows. */
  usageListPartition: (orgId: string, period: string) => `USAGELIST#${orgId}#${period}`,
  /** A submitted revision (final; a correction is the next revision), oldest first. */
  usageListRevision: (orgId: string, period: string, revision: number) => ({ pk: `USAGELIST#${orgId}#${period}`, sk: `REV#${String(revision).padStart(6, '0')}` }),
  /** The latest revision's summary: written in the same transaction as the revision, on condition of the revision before it. */
  usageListLatest: (orgId: string, period: string) => ({ pk: `USAGELIST#${orgId}#${period}`, sk: 'LATEST' }),
  /** The draft the period close stores (once) on the first day after the period. */
  usageListDraft: (orgId: string, period: string) => ({ pk: `USAGELIST#${orgId}#${period}`, sk: 'DRAFT' }),
  /** The rows of a snapshot (a revision or the draft), in parts of at most a few hundred KB. */
  usageListRows: (orgId: string, period: string, snapshotId: string, part: number) => ({ pk: `USAGELIST#${orgId}#${period}`, sk: `ROWS#${snapshotId}#${String(part).padStart(4, '0')}` }),
  usageListRowsPrefix: (snapshotId: string) => `ROWS#${snapshotId}#`,
  /** Sparse, on the latest pointer only: who submitted a period, one query per period (compliance, overdue scan, period close). */
  usageListsOfPeriod: (period: string, orgId: string) => ({ gsi2pk: `USAGELISTS#${period}`, gsi2sk: orgId }),
  usageListsOfPeriodPartition: (period: string) => `USAGELISTS#${period}`,

} as const;

/** An item as stored, less its key and index attributes (and the item-type marker): the domain object it holds. */
export function withoutKeys<T>(item: Record<string, unknown>): T {
  const { pk: _pk, sk: _sk, gsi1pk: _a, gsi1sk: _b, gsi2pk: _c, gsi2sk: _d, gsi3pk: _e, gsi3sk: _f, type: _t, ...rest } = item;
  return rest as T;
}
