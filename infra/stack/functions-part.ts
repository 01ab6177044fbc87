import type { Construct } from 'constructs';
import type { CountyConfig } from '../../shared/config/county-config.ts';
import type { FunctionDeclaration } from '../../shared/lambda/declaration.ts';
import { Routes, type Api } from './api.ts';
import { CountyPart } from './county-part.ts';
import { Functions } from './functions.ts';
import { PartInputs, type StorageSources } from './part-inputs.ts';
import { Schedules } from './schedules.ts';
import { Uploads } from './uploads.ts';

export interface FunctionsPartProps {
  county: CountyConfig;
  /** The functions of the capabilities infra/stack/function-parts.ts puts in this part. */
  declarations: readonly FunctionDeclaration[];
  storage: StorageSources;
  api: Api;
  description: string;
}

/**
 * A template holding a group of capabilities' functions and what triggers them: each function with its role,
 * policy and log group; its route, integration and invoke permission on the county's HTTP API; its schedule;
 * the reports bucket's notifications when it serves one. What it needs from the Storage part arrives as
 * parameters (PartInputs). Workflows are bound by the county stack once the state machines exist.
 */
export class FunctionsPart extends CountyPart {
  readonly inputs: PartInputs;
  readonly functions: Functions;

  constructor(scope: Construct, id: string, { county, declarations, storage, api, description }: FunctionsPartProps) {
    super(scope, id, { description });
    this.inputs = new PartInputs(this, 'Inputs', storage);
    this.functions = new Functions(this, 'Functions', { county, declarations, resources: this.inputs });
    new Routes(this, 'Routes', { api, functions: this.functions });
    if (this.functions.all.some((fn) => fn.declaration.resources.machineTokens)) this.functions.bindMachineTokens(api.machineIssuer, this.inputs.machineTokenKey);
    new Schedules(this, 'Schedules', { functions: this.functions });
    if (this.functions.triggeredBy('s3').length > 0) {
      new Uploads(this, 'Uploads', { functions: this.functions, reportsBucket: this.inputs.reportsBucket });
    }
  }
}
