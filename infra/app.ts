import { CountyConfigError } from '../shared/config/county-config.ts';
import { loadCounties } from '../shared/config/load-counties.ts';
import { createApp } from './create-app.ts';

/** CDK entry (`cdk synth`, `cdk deploy`): one stack per file in infra/counties/. */
function main(): void {
  let counties;
  try {
    counties = loadCounties();
  } catch (error) {
    if (error instanceof CountyConfigError) {
      console.error(`Invalid county configuration: ${error.message}`);
      process.exit(1);
    }
    throw error;
  }
  createApp({ counties, bundle: true }).synth();
}

main();
