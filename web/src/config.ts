/**
 * What the site is told at deploy time (`/config.json`): where the API is and how to sign in. On AWS the
 * stack writes it beside the files (BucketDeployment, Source.jsonData); locally the runtime serves it.
 */
export interface DemoLogin {
  role: string;
  orgId: string;
  name: string;
}

export interface SiteConfig {
  /** The API's base URL, without a trailing slash ('' = this origin). */
  apiUrl: string;
  siteName: string;
  countyName: string;
  login:
    | { mode: 'local'; tokenUrl: string; organisations: DemoLogin[] }
    | { mode: 'cognito'; region: string; userPoolId: string; clientId: string };
}

let loaded: SiteConfig | undefined;

export async function loadConfig(): Promise<SiteConfig> {
  if (loaded) return loaded;
  const response = await fetch('config.json', { cache: 'no-store' });
  if (!response.ok) throw new Error(`config.json: ${response.status}`);
  const config = (await response.json()) as SiteConfig;
  loaded = { ...config, apiUrl: (config.apiUrl ?? '').replace(/\/+$/, '') };
  return loaded;
}

export const config = (): SiteConfig => {
  if (!loaded) throw new Error('config not loaded');
  return loaded;
};
