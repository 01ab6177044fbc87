/** Hash routes (`#/search?q=…`): the API owns every real path, the site only `/`, `/assets/*` and `/config.json`. */
export interface Route {
  /** The path after `#`, e.g. `/records/rec_…`. */
  path: string;
  segments: string[];
  params: URLSearchParams;
}

export function currentRoute(): Route {
  const raw = location.hash.replace(/^#/, '') || '/';
  const [path = '/', search = ''] = raw.split('?', 2);
  return { path, segments: path.split('/').filter(Boolean).map(decodeURIComponent), params: new URLSearchParams(search) };
}

export function go(path: string, params: Record<string, string | undefined> = {}): void {
  const search = new URLSearchParams();
  for (const [k, v] of Object.entries(params)) if (v !== undefined && v !== '') search.set(k, v);
  const text = search.toString();
  location.hash = `#${path}${text ? `?${text}` : ''}`;
}

export const href = (path: string, params: Record<string, string | undefined> = {}): string => {
  const search = new URLSearchParams();
  for (const [k, v] of Object.entries(params)) if (v !== undefined && v !== '') search.set(k, v);
  const text = search.toString();
  return `#${path}${text ? `?${text}` : ''}`;
};
