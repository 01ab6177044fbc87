import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { synthCounties, synthTimeoutMs } from './synth.ts';

/**
 * A county is one stack whose resources live in nested stacks (docs/stacks.md). These tests keep every template
 * far from CloudFormation's limit of 500 resources, and keep each stateful resource where it is.
 */
let synth: ReturnType<typeof synthCounties>;
beforeAll(() => {
  synth = synthCounties();
}, synthTimeoutMs);
afterAll(() => synth?.cleanup());

const nameOf = (part: string | undefined) => part ?? 'county stack';
const resourceCount = (template: Record<string, any>) => Object.keys(template.Resources ?? {}).length;

describe('template sizes', () => {
  it('prints the resources of each template of each county', () => {
    for (const { county, templates } of synth.counties) {
      const counts = templates.map(({ part, template }) => `${nameOf(part)} ${resourceCount(template)}`);
      console.log(`${county.id}: ${counts.join(', ')} (total ${templates.reduce((n, t) => n + resourceCount(t.template), 0)})`);
      expect(templates.length).toBeGreaterThan(1);
    }
  });

  it('no template of any county passes 400 resources (CloudFormation refuses a template past 500), nor 200 parameters or outputs', () => {
    for (const { county, templates } of synth.counties) {
      for (const { part, template } of templates) {
        const where = `${county.id} ${nameOf(part)}`;
        expect(resourceCount(template), `${where}: split its part in infra/stack/function-parts.ts (docs/stacks.md)`).toBeLessThanOrEqual(400);
        expect(Object.keys(template.Parameters ?? {}).length, `${where} parameters`).toBeLessThan(200);
        expect(Object.keys(template.Outputs ?? {}).length, `${where} outputs`).toBeLessThan(200);
      }
    }
  });

  it('each template is under 250 resources with the functions of today: headroom for the ones to come', () => {
    for (const { county, templates } of synth.counties) {
      for (const { part, template } of templates) expect(resourceCount(template), `${county.id} ${nameOf(part)}`).toBeLessThan(250);
    }
  });
});

/**
 * Each retained resource of a county, by the template (part) that holds it and its logical id. A new logical
 * id, or the same id in another template, makes CloudFormation create a new, empty resource and drop the old
 * one from the stack (retained: orphaned, still billed, no longer used): replacement is data loss, of credit
 * records, reports, usage logs, resident ID numbers that no key opens any more, every user account, open cases'
 * executions or their logs. A resource is moved on purpose only as docs/stacks.md spells out (retain, remove
 * from the old template, `cdk import` into the new one), and this list changes with it.
 */
const functionLogGroups = (pascalNames: string[]) => Object.fromEntries(pascalNames.map((n) => [`${n}LogGroup`, 'AWS::Logs::LogGroup']));
const pinned: Record<string, Record<string, string>> = {
  Storage: {
    StorageKey: 'AWS::KMS::Key',
    LogsKey: 'AWS::KMS::Key',
    PersonalDataKey: 'AWS::KMS::Key',
    PersonalDataMacKey: 'AWS::KMS::Key',
    MachineTokenKey: 'AWS::KMS::Key',
    CreditDataTable: 'AWS::DynamoDB::Table',
    UsageLogTable: 'AWS::DynamoDB::Table',
    ReportsBucket: 'AWS::S3::Bucket',
    ReportsAccessLogsBucket: 'AWS::S3::Bucket',
    NoticesTopic: 'AWS::SNS::Topic',
  },
  Identity: { UserPool: 'AWS::Cognito::UserPool' },
  Api: { ApiAccessLogs: 'AWS::Logs::LogGroup', MachineApiAccessLogs: 'AWS::Logs::LogGroup' },
  Records: functionLogGroups([
    'PushRecords', 'PreviewRecord', 'ListRecords', 'GetRecord', 'CorrectRecord', 'ListSubjectRecords',
    'RunCheck', 'RecordCheckOutcome', 'ListChecks', 'GetCheck', 'GetCheckReceipt',
    'ListNotices', 'ListPublicNotices',
    'GetPublicRecord', 'SearchPublicRecords', 'ListPublicList', 'GetCountyProfile',
    'RegisterDepartment', 'ListDepartments', 'GetCaller',
    'RunCheckBatch',
    'ReportMatters', 'ListMatters', 'GetMatter', 'GetMatterTemplate', 'UploadMatters', 'GetCoverage', 'GetAccountability',
  ]),
  Cases: {
    VerificationStateMachine: 'AWS::StepFunctions::StateMachine',
    VerificationWorkflowLogs: 'AWS::Logs::LogGroup',
    ...functionLogGroups([
      'RaiseObjection', 'AddObjectionEvidence', 'AnswerObjection', 'GetObjection', 'ListObjections',
      'RequestRepair', 'DecideRepair', 'GetRepair', 'ListRepairs',
      'OpenCase', 'AwaitCaseAnswer', 'CaseWaitElapsed', 'ApplyCaseOutcome', 'MarkCaseStuck', 'RestartCase', 'ReconcileCases',
    ]),
  },
  Reports: functionLogGroups([
    'CreateReportUpload', 'GetReportUpload', 'ReceiveUpload', 'IngestReport', 'VoidReport', 'ListSubjectReports', 'RegisterAgency', 'UpdateAgency', 'ListAgencies',
    'CreateConsent', 'RevokeConsent', 'ListConsents', 'RunQuery', 'ListMyChecks',
    'GetCreditReport', 'VerifyCreditReport',
    'GetImportTemplate', 'CreateImport', 'GetImport', 'ListImports', 'IngestImport', 'ContinueImport',
    'PrepareBulletin', 'ListBulletins', 'GetBulletin', 'GetBulletinFile', 'EditBulletinText', 'RefreshBulletin', 'PublishBulletin', 'ListPublicBulletins', 'GetPublicBulletinFile',
  ]),
  Supervision: functionLogGroups(['ExportUsageList', 'GetUsageList', 'SubmitUsageList', 'CloseUsagePeriod', 'GetCompliance', 'GetDataQuality', 'CheckCalendar', 'OverdueScan', 'ListCommitments', 'RecordCommitmentResult', 'FollowUpCommitments',
    'RegisterMachineClient', 'ListMachineClients', 'RotateMachineClientSecret', 'RevokeMachineClient', 'IssueMachineToken', 'GetMachineIssuer', 'GetMachineJwks',
    'SubmitMatterList', 'ListMatterLists', 'GetMatterList', 'ReviewMatterList', 'CommentMatterList',
    'CreateFilingUpload', 'ConfirmFiling', 'ListFilings', 'GetFilingStatus', 'GetFilingDocument',
    'GetAssessments', 'AnnotateAssessment',
  ]),
  Exchange: functionLogGroups(['DispatchExchange', 'ListExchangeDestinations', 'ListExchangeDeliveries', 'RedriveExchange',
    'UploadNationalList', 'ListNationalListImports', 'GetNationalListImport', 'GetNationalListSources', 'ListNationalListEntries',
    'SequenceUsageLog', 'ListUsageLogs', 'ListUsageLogHeads', 'GetUsageLogConsistency',
  ]),
  Website: { WebsiteBucket: 'AWS::S3::Bucket', WebsiteDeploymentLogs: 'AWS::Logs::LogGroup' },
};
const replacementIsDataLoss =
  'a stateful resource whose logical id or template changes is replaced: a new, empty one, the old one orphaned (data loss); move one only as docs/stacks.md says, and update this list with it';

describe('stateful resources', () => {
  it('keep their logical ids, each in its own template, retained on deletion and on replacement', () => {
    for (const { county, templates } of synth.counties) {
      for (const [part, resources] of Object.entries(pinned)) {
        const template = templates.find((t) => t.part === part)?.template;
        expect(template, `${county.id}: no template ${part}`).toBeDefined();
        for (const [logicalId, type] of Object.entries(resources)) {
          const resource = template!.Resources[logicalId];
          expect(resource?.Type, `${county.id} ${part}/${logicalId}: ${replacementIsDataLoss}`).toBe(type);
          expect([resource.DeletionPolicy, resource.UpdateReplacePolicy], `${county.id} ${part}/${logicalId}`).toEqual(['Retain', 'Retain']);
        }
      }
    }
  });

  it('are all in the list: no retained resource of any template is left out, or found in another template than listed', () => {
    for (const { county, templates } of synth.counties) {
      for (const { part, template } of templates) {
        const retained = Object.entries(template.Resources as Record<string, any>)
          .filter(([, r]) => r.DeletionPolicy === 'Retain' || r.UpdateReplacePolicy === 'Retain')
          .map(([logicalId]) => logicalId)
          .sort();
        expect(retained, `${county.id} ${nameOf(part)}: ${replacementIsDataLoss}`).toEqual(Object.keys(pinned[part ?? ''] ?? {}).sort());
      }
    }
  });

  it("keep each part's nested stack under its logical id in the county template (a new id would replace the part with all it holds)", () => {
    for (const { county, templates } of synth.counties) {
      const root = templates.find((t) => t.part === undefined)!.template;
      const nested = Object.entries(root.Resources as Record<string, any>)
        .filter(([, r]) => r.Type === 'AWS::CloudFormation::Stack')
        .map(([logicalId]) => logicalId)
        .sort();
      expect(nested, county.id).toEqual(
        ['StorageStack', 'IdentityStack', 'ApiStack', 'RecordsStack', 'CasesStack', 'ReportsStack', 'SupervisionStack', 'ExchangeStack', 'WebsiteStack'].sort(),
      );
      expect(templates.filter((t) => t.part).map((t) => t.logicalId).sort(), county.id).toEqual(nested);
    }
  });

  it('are referenced from the other templates through parameters of the county stack, never through exports', () => {
    for (const { county, templates } of synth.counties) {
      for (const { part, template } of templates) {
        expect(JSON.stringify(template), `${county.id} ${nameOf(part)}`).not.toContain('Fn::ImportValue');
        for (const output of Object.values((template.Outputs ?? {}) as Record<string, any>)) expect(output.Export, `${county.id} ${nameOf(part)}`).toBeUndefined();
      }
    }
  });
});
