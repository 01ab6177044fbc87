import { declare, triggersOf, type FunctionDeclaration } from '../lambda/declaration.ts';
import { consistencyBody, consistencyQuery, headListBody, listHeadsQuery, logListBody, orgParams } from './api.ts';

/**
 * The usage log as a transparency log (docs/usage-log.md): each organisation's checks, outcome revisions and queries
 * in an append-only Merkle tree, integrated every minute, with signed heads anyone may keep and consistency proofs
 * between them. Receipts are the checks' (GET /checks/{id}/receipt).
 */
export const usageLogFunctions = [
  declare({
    name: 'sequence-usage-log',
    description: "Every minute: integrates each organisation's new log entries into its Merkle tree and signs the heads that grew or are due",
    trigger: { type: 'schedule', cron: 'cron(* * * * ? *)', description: 'The usage log’s sequencer and head signer', catchUp: 'latest' },
    resources: { usageTable: 'readWrite', reportsBucket: 'readWrite', machineTokens: 'sign' },
    timeoutSeconds: 55,
    memoryMb: 512,
  }),
  declare({
    name: 'list-usage-logs',
    description: 'Public: the key usage-log heads are signed with, and each organisation’s latest signed head',
    trigger: { type: 'http', method: 'GET', path: '/public/usage-log', access: { public: true }, summary: 'The usage logs: published key and latest signed heads (public)', response: { status: 200, body: logListBody } },
    resources: { usageTable: 'read', machineTokens: 'publish' },
  }),
  declare({
    name: 'list-usage-log-heads',
    description: "Public: an organisation's signed tree heads, largest first",
    trigger: {
      type: 'http',
      method: 'GET',
      path: '/public/usage-log/{org}/heads',
      access: { public: true },
      summary: "An organisation's signed heads, to keep (public)",
      request: { params: orgParams, query: listHeadsQuery },
      response: { status: 200, body: headListBody },
    },
    resources: { usageTable: 'read' },
  }),
  declare({
    name: 'get-usage-log-consistency',
    description: 'Public: the proof that a later signed head of a log extends an earlier one',
    trigger: {
      type: 'http',
      method: 'GET',
      path: '/public/usage-log/{org}/consistency',
      access: { public: true },
      summary: 'Consistency proof between two signed heads (public)',
      request: { params: orgParams, query: consistencyQuery },
      response: { status: 200, body: consistencyBody },
    },
    resources: { usageTable: 'read', reportsBucket: 'read' },
  }),
] as const satisfies readonly FunctionDeclaration[];

export const triggerOf = triggersOf([...usageLogFunctions]);
