import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadCounty } from '../../shared/config/load-counties.ts';
import { maxReportValidityMonths } from '../../shared/config/county-config.ts';
import { actionsOf, functionLogicalId, roleStatements, synthCounties, synthTimeoutMs, type SynthesizedCounty } from './synth.ts';
import { importFileDays } from '../../infra/stack/storage.ts';

/**
 * Reports pinned (issue 13, 3j): the reports bucket is versioned, so that an accepted report can be bound to
 * the object version that was checked; that version outlives any report's validity even when a later write
 * makes it noncurrent; and the functions that read it or sign its links may read object versions.
 */

let synth: ReturnType<typeof synthCounties>;
let stack: SynthesizedCounty;
beforeAll(() => {
  synth = synthCounties([loadCounty('wuchang')]);
  stack = synth.county('wuchang');
}, synthTimeoutMs);
afterAll(() => synth?.cleanup());

const bucket = () => stack.json.Resources.ReportsBucket;

describe('the reports bucket', () => {
  it('has versioning on and is retained', () => {
    expect(bucket().Properties.VersioningConfiguration).toEqual({ Status: 'Enabled' });
    expect(bucket().DeletionPolicy).toBe('Retain');
  });

  it('keeps a noncurrent version of a report longer than the longest validity a county may give a report', () => {
    const rules = bucket().Properties.LifecycleConfiguration.Rules as any[];
    // Every rule that could expire an old version under reports/ (one without a prefix, or with one that reports/ keys match).
    const applying = rules.filter((r) => {
      const prefix: string | undefined = r.Prefix ?? r.Filter?.Prefix;
      return r.Status === 'Enabled' && r.NoncurrentVersionExpiration && (!prefix || 'reports/incoming/'.startsWith(prefix) || prefix.startsWith('reports/'));
    });
    expect(applying.length).toBeGreaterThan(0);
    const longestValidityDays = Math.ceil((maxReportValidityMonths / 12) * 366);
    for (const rule of applying) expect(rule.NoncurrentVersionExpiration.NoncurrentDays).toBeGreaterThan(longestValidityDays);
    // Nothing deletes current versions outside imports/: a valid report's object stays.
    const expiring = rules.filter((r) => r.ExpirationInDays || r.ExpirationDate);
    expect(expiring.map((r) => r.Prefix ?? r.Filter?.Prefix)).toEqual(['imports/']);
  });

  it("an import's files (the clerk's file, continuations, the result file) expire with their versions after importFileDays", () => {
    const rules = bucket().Properties.LifecycleConfiguration.Rules as any[];
    const imports = rules.find((r) => (r.Prefix ?? r.Filter?.Prefix) === 'imports/');
    expect(imports).toMatchObject({ Status: 'Enabled', ExpirationInDays: importFileDays, NoncurrentVersionExpiration: { NoncurrentDays: 1 } });
  });
});

describe('reading pinned versions', () => {
  it.each(['ingest-report', 'run-check', 'list-subject-reports', 'void-report', 'get-objection'])('%s may read object versions of the reports bucket', (name) => {
    const statements = roleStatements(stack.json, functionLogicalId(stack.json, name));
    const onObjects = statements.filter((s) => JSON.stringify(s.Resource).includes('"ReportsBucket"') && JSON.stringify(s.Resource).includes('"/*"'));
    expect(actionsOf(onObjects)).toEqual(expect.arrayContaining(['s3:GetObject', 's3:GetObjectVersion']));
  });

  it('sends objects created under reports/incoming/ to ingest-report (with versioning on, the event names the version)', () => {
    const notifications = Object.values(stack.json.Resources as Record<string, any>).find((r) => r.Type === 'Custom::S3BucketNotifications')!.Properties;
    const ingest = (notifications.NotificationConfiguration.LambdaFunctionConfigurations as any[]).find(
      (c) => c.LambdaFunctionArn['Fn::GetAtt'][0] === functionLogicalId(stack.json, 'ingest-report'),
    );
    expect(ingest).toMatchObject({ Events: ['s3:ObjectCreated:*'], Filter: { Key: { FilterRules: [{ Name: 'prefix', Value: 'reports/incoming/' }] } } });
    expect(notifications.BucketName).toEqual({ Ref: 'ReportsBucket' });
  });
});
