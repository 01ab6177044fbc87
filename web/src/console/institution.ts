import { noticesSection, type Console } from './common.ts';

/** A financial institution or company: its notices (its consented queries go through the API, not the console). */
export const institutionConsole: Console = [noticesSection];
