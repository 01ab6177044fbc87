import { join } from 'node:path';
import { loadCounty } from '../../../shared/config/load-counties.ts';
import { roles, type Role } from '../../../shared/identity/roles.ts';
import { localIssuerFor } from '../identity/local-issuer.ts';
import { countyDataDir, defaultCounty, defaultDataRoot, parseCli } from './args.ts';

const usage = `npm run token -- --role <${roles.join('|')}> --org <orgId> [--county jiaxian] [--hours 12]`;
const { values } = parseCli(
  {
    role: { type: 'string' },
    org: { type: 'string' },
    county: { type: 'string', default: defaultCounty },
    data: { type: 'string', default: defaultDataRoot },
    hours: { type: 'string', default: '12' },
  },
  usage,
);
const role = values.role as Role | undefined;
if (!role || !roles.includes(role) || !values.org) {
  console.error(usage);
  process.exit(2);
}
const county = loadCounty(String(values.county));
// The same key file the running platform verifies with (created if the platform has not run yet).
const issuer = await localIssuerFor(county.id, join(countyDataDir(String(values.data), county.id), 'jwt-key.json'));
console.log(await issuer.sign({ role, orgId: String(values.org), county: county.id, expiresInSeconds: Number(values.hours) * 3600 }));
