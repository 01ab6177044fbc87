import { readFileSync } from 'node:fs';
import { expect, it } from 'vitest';
import { machineApiTypes, machineTypesFile } from '../../local/cli/machine-client-types.ts';

/**
 * The example client's types (docs/examples/machine-client/machine-api.ts) are the machine API's OpenAPI document
 * as openapi-typescript writes it: a route or schema changed without `npm run machine-client-types` fails here,
 * so the README's typed example never describes an API that is no longer there.
 */
it('the machine API types of the example client are generated from the current OpenAPI document', async () => {
  expect(readFileSync(machineTypesFile, 'utf8')).toBe(await machineApiTypes());
}, 60_000);
