import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { countyDataDir, defaultCounty, defaultDataRoot, parseCli } from './args.ts';

const usage = `npm run invoke -- <function> [--date YYYY-MM-DD] [--event events/<function>.json] [--county jiaxian]

Runs a declared function now in the running local platform (npm start): a scheduled function as on
--date (its own hour and minute that day, county time), any other with the given event file.`;
const { values, positionals } = parseCli(
  {
    date: { type: 'string' },
    event: { type: 'string' },
    county: { type: 'string', default: defaultCounty },
    data: { type: 'string', default: defaultDataRoot },
  },
  usage,
);
const name = positionals[0];
if (!name) {
  console.error(usage);
  process.exit(2);
}
const runtimeFile = join(countyDataDir(String(values.data), String(values.county)), 'runtime.json');
if (!existsSync(runtimeFile)) {
  console.error(`No local platform is running for county "${values.county}": start it with npm start.`);
  process.exit(1);
}
const { apiUrl } = JSON.parse(readFileSync(runtimeFile, 'utf8')) as { apiUrl: string };
const event = values.event ? JSON.parse(readFileSync(String(values.event), 'utf8')) : undefined;
const response = await fetch(`${apiUrl}/_local/invoke/${name}`, {
  method: 'POST',
  headers: { 'content-type': 'application/json' },
  body: JSON.stringify({ date: values.date, event }),
}).catch((error: Error) => {
  console.error(`The local platform at ${apiUrl} did not answer (${error.message}): is npm start running?`);
  process.exit(1);
});
console.log(JSON.stringify(await response.json(), null, 2));
process.exit(response.ok ? 0 : 1);
