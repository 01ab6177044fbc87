import { resourceEnv, type TableDefinition } from './tables.ts';

/** Where the resources a function's declaration grants are: environment variables set by the stack (and the local runtime). */
function requiredEnv(name: string): string {
  const value = process.env[name];
  if (!value) throw new Error(`${name} is not set: the function's declaration does not grant this resource`);
  return value;
}

export const tableName = (table: TableDefinition): string => requiredEnv(table.envVar);
export const reportsBucketName = (): string => requiredEnv(resourceEnv.reportsBucket);
export const noticesTopicArn = (): string => requiredEnv(resourceEnv.noticesTopic);
export const workflowArn = (workflow: string): string => requiredEnv(resourceEnv.workflowArn(workflow));
