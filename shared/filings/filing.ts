import type { FilingContentType } from './content-types.ts';

/**
 * A document a department announced: where its browser posts it (a presigned POST to the reports bucket), what
 * it said of it. Confirmed once, with the filing's metadata; the object stays where it was posted.
 */
export interface FilingUpload {
  uploadId: string;
  orgId: string;
  fileName: string;
  contentType: FilingContentType;
  bytes: number;
  objectKey: string;
  createdAt: string;
  postExpiresAt: string;
  state: 'pending' | 'filed';
}

/** One revision of a department's filing of a kind and period: kept, never overwritten; a later one is the next revision. */
export interface StoredFiling {
  orgId: string;
  kind: string;
  period: string;
  revision: number;
  title: string;
  summary: string;
  /** The document's own date (成文日期). */
  documentDate: string;
  fileName: string;
  contentType: FilingContentType;
  bytes: number;
  sha256: string;
  objectKey: string;
  versionId?: string;
  uploadId: string;
  filedAt: string;
  /** County-local day it was filed. */
  filedOn: string;
  dueDay: string;
  /** This revision came after the due day. */
  late: boolean;
  /** The first revision's day: whether the period was filed on time. */
  firstFiledOn: string;
  filedBy: string;
}

/** A revision as the department and the credit office read it (no object key, no uploader's user id). */
export function presentFiling(f: StoredFiling, kindName: string, periodName: string) {
  return {
    orgId: f.orgId,
    kind: f.kind,
    kindName,
    period: f.period,
    periodName,
    revision: f.revision,
    title: f.title,
    summary: f.summary,
    documentDate: f.documentDate,
    fileName: f.fileName,
    contentType: f.contentType,
    bytes: f.bytes,
    sha256: f.sha256,
    filedAt: f.filedAt,
    filedOn: f.filedOn,
    dueDay: f.dueDay,
    late: f.late,
    firstFiledOn: f.firstFiledOn,
  };
}
