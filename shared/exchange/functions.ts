import { declare, triggersOf, type FunctionDeclaration } from '../lambda/declaration.ts';
import { deliveryListBody, destinationListBody, destinationParams, listDeliveriesQuery, redriveBody, redriveResultBody } from './api.ts';

/**
 * The exchange capability (docs/exchange.md): every change of a record (created, corrected, objection raised or
 * resolved, revoked, repaired) delivered to the county's upstream destinations, in order per record, at least once
 * under a stable id; signed HTTPS, or daily files; retried, dead-lettered, redriven; watched by the credit office.
 */
export const exchangeFunctions = [
  declare({
    name: 'dispatch-exchange',
    description: 'Every minute: queues new record changes for each destination, sends what is due (in order per record), writes ended days as files',
    trigger: {
      type: 'schedule',
      cron: 'cron(* * * * ? *)',
      description: 'Deliveries to the upstream platforms',
      catchUp: 'latest',
    },
    resources: { creditTable: 'readWrite', reportsBucket: 'readWrite', personalData: ['open'], machineTokens: 'sign' },
    timeoutSeconds: 55,
    memoryMb: 512,
  }),
  declare({
    name: 'list-exchange-destinations',
    description: 'The credit office: each upstream destination with its delivered, pending and failed deliveries',
    trigger: {
      type: 'http',
      method: 'GET',
      path: '/exchange/destinations',
      access: { roles: ['creditOffice'] },
      summary: '上报交换: each destination, what it takes, delivered / pending / failed',
      response: { status: 200, body: destinationListBody },
    },
    resources: { creditTable: 'read' },
  }),
  declare({
    name: 'list-exchange-deliveries',
    description: "The credit office: a destination's deliveries, all newest first or by state (due, waiting, failed)",
    trigger: {
      type: 'http',
      method: 'GET',
      path: '/exchange/destinations/{destinationId}/deliveries',
      access: { roles: ['creditOffice'] },
      summary: "A destination's deliveries (failed: the dead-letter queue)",
      request: { params: destinationParams, query: listDeliveriesQuery },
      response: { status: 200, body: deliveryListBody },
    },
    resources: { creditTable: 'read' },
  }),
  declare({
    name: 'redrive-exchange',
    description: "The credit office: a destination's dead-lettered deliveries (named, or all) due again at once",
    trigger: {
      type: 'http',
      method: 'POST',
      path: '/exchange/destinations/{destinationId}/redrive',
      access: { roles: ['creditOffice'] },
      summary: 'Redrive the dead-letter queue of a destination',
      request: { params: destinationParams, body: redriveBody },
      response: { status: 200, body: redriveResultBody },
    },
    resources: { creditTable: 'readWrite' },
  }),
] as const satisfies readonly FunctionDeclaration[];

export const triggerOf = triggersOf(exchangeFunctions);
