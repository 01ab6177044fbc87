import { join } from 'node:path';
import { loadCounty } from '../../shared/config/load-counties.ts';
import { roles, type Role } from '../../shared/identity/roles.ts';
import { localIssuerFor } from '../identity/local-issuer.ts';
import { countyDataDir, defaultCounty, defaultDataRoot, parseCli } from './args.ts';

const usage = [
  `npm run token -- --role <${roles.join('|')}> --org <orgId> [--county jiaxian] [--hours 12]`,
  `npm run token -- <role> <orgId> [--county jiaxian] [--hours 12]     e.g. npm run token -- institution 91410425MA7BNK6Y24`,
  'An institution (bank, company) is named by its unified social credit code; a subject by its code or person key.',
].join('\n');
const { values, positionals } = parseCli(
  {
    role: { type: 'string' },
    org: { type: 'string' },
    county: { type: 'string', default: defaultCounty },
    data: { type: 'string', default: defaultDataRoot },
    hours: { type: 'string', default: '12' },
  },
  usage,
);
// `--role` and `--org`, or the two as words: `npm run token -- institution <code>`.
const words = [...positionals];
const role = (values.role ?? words.shift()) as Role | undefined;
const org = values.org ?? words.shift();
if (!role || !roles.includes(role) || !org || words.length > 0) {
  console.error(usage);
  process.exit(2);
}
const county = loadCounty(String(values.county));
// The same key file the running platform verifies with (created if the platform has not run yet).
const issuer = await localIssuerFor(county.id, join(countyDataDir(String(values.data), county.id), 'jwt-key.json'));
console.log(await issuer.sign({ role, orgId: String(org), county: county.id, expiresInSeconds: Number(values.hours) * 3600 }));
