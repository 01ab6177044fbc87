import * as z from 'zod';
import { onMachineApi, onPeopleApi, type FunctionDeclaration, type HttpTrigger } from '../lambda/declaration.ts';
import { errorBody } from './common-schemas.ts';
import { machineScopeLabels, machineScopes } from '../identity/machine-scopes.ts';

/** The OAuth 2.0 token request (RFC 6749 §4.4.2), form-encoded: the one machine route that takes no JSON. */
const tokenRequestSchema = {
  type: 'object',
  required: ['grant_type'],
  properties: {
    grant_type: { const: 'client_credentials' },
    scope: { type: 'string', description: `Space-separated, among the client's: ${machineScopes.join(' ')}` },
    client_id: { type: 'string', description: 'With client_secret, when not sent as HTTP Basic' },
    client_secret: { type: 'string' },
  },
};

/**
 * The OpenAPI 3.1 document of the HTTP API, generated from the declarations and the zod schemas that
 * validate requests (never written by hand). OpenAPI 3.1 uses JSON Schema 2020-12, which zod emits.
 */
export function openApiDocument(declarations: readonly FunctionDeclaration[], info: { title: string; version: string; serverUrl?: string; api?: 'people' | 'machine' }) {
  const machine = info.api === 'machine';
  const paths: Record<string, Record<string, unknown>> = {};
  for (const d of declarations) {
    if (d.trigger.type !== 'http') continue;
    const t = d.trigger;
    // The people's API has every route but the machine API's own; the machine API its own and those offered to machines.
    if (!(machine ? onMachineApi(t) : onPeopleApi(t))) continue;
    (paths[t.path] ??= {})[t.method.toLowerCase()] = operation(d.name, d.description, t, machine);
  }
  // Schemas named with .meta({ id }) come out of zod as local $defs; OpenAPI keeps them as components.
  const named: Record<string, unknown> = {};
  const hoisted = hoistDefs(paths, named);
  hoistDefs({ error: jsonSchema(errorBody, 'output') }, named); // the Error schema every 4xx refers to
  return {
    openapi: '3.1.0',
    info: { title: info.title, version: info.version },
    ...(info.serverUrl ? { servers: [{ url: info.serverUrl }] } : {}),
    paths: hoisted,
    components: {
      securitySchemes: machine
        ? {
            machineOAuth: {
              type: 'oauth2',
              description: 'OAuth 2.0 client credentials of a machine client registered by the credit office (docs/machine-clients.md)',
              flows: { clientCredentials: { tokenUrl: '/oauth2/token', scopes: Object.fromEntries(machineScopes.map((s) => [s, machineScopeLabels[s]])) } },
            },
          }
        : { cognitoJwt: { type: 'http', scheme: 'bearer', bearerFormat: 'JWT' } },
      schemas: hoistDefs(named, {}),
    },
  };
}

/** A copy of `value` with every `$defs` moved into `into` and its references pointed at components. */
function hoistDefs<T>(value: T, into: Record<string, unknown>): T {
  const text = JSON.stringify(value, (key, v: unknown) => {
    if (key !== '$defs' || typeof v !== 'object' || v === null) return v;
    Object.assign(into, v);
    return undefined;
  });
  return JSON.parse(text.replaceAll('"#/$defs/', '"#/components/schemas/')) as T;
}

function operation(name: string, description: string, t: HttpTrigger, machine = false) {
  const errorResponse = (description: string) => ({
    description,
    content: { 'application/json': { schema: { $ref: '#/components/schemas/Error' } } },
  });
  const isPublic = 'public' in t.access;
  return {
    operationId: name,
    summary: t.summary,
    description: isPublic ? description : `${description}. Roles: ${'roles' in t.access ? t.access.roles.join(', ') : ''}`,
    security: isPublic ? [] : machine ? [{ machineOAuth: [...(t.machine?.scopes ?? [])] }] : [{ cognitoJwt: [] }],
    parameters: [...parameters(t.request?.params, 'path'), ...parameters(t.request?.query, 'query')],
    ...(t.request?.body
      ? { requestBody: { required: true, content: { 'application/json': { schema: jsonSchema(t.request.documentedBody ?? t.request.body, 'input') } } } }
      : t.api === 'machine' && t.method === 'POST'
        ? { requestBody: { required: true, content: { 'application/x-www-form-urlencoded': { schema: tokenRequestSchema } } } }
        : {}),
    responses: {
      [String(t.response.status)]: { description: 'Success', content: { 'application/json': { schema: jsonSchema(t.response.body, 'output') } } },
      '400': errorResponse('Invalid input: the field and the rule it broke'),
      ...(isPublic ? {} : { '401': { description: 'Missing or invalid token' }, '403': errorResponse('Role or county not allowed') }),
    },
  };
}

function parameters(schema: z.ZodType | undefined, where: 'path' | 'query') {
  if (!schema) return [];
  const json = jsonSchema(schema, 'input') as { properties?: Record<string, { description?: string }>; required?: string[] };
  return Object.entries(json.properties ?? {}).map(([name, property]) => ({
    name,
    in: where,
    required: where === 'path' || (json.required ?? []).includes(name),
    ...(property.description ? { description: property.description } : {}),
    schema: property,
  }));
}

function jsonSchema(schema: z.ZodType, io: 'input' | 'output'): Record<string, unknown> {
  const { $schema: _dialect, ...rest } = z.toJSONSchema(schema, { io, unrepresentable: 'any', target: 'draft-2020-12' }) as Record<string, unknown>;
  return rest;
}
