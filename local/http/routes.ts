import { onMachineApi, onPeopleApi, type FunctionDeclaration, type HttpTrigger } from '../../shared/lambda/declaration.ts';

export interface Route {
  functionName: string;
  trigger: HttpTrigger;
  routeKey: string;
  match(method: string, path: string): Record<string, string> | undefined;
}

/** Routes of the people's HTTP API, from the function declarations (as the stack builds them): all but the machine API's own. */
export function routesOf(declarations: readonly FunctionDeclaration[]): Route[] {
  return declarations.flatMap((d) => (d.trigger.type === 'http' && onPeopleApi(d.trigger) ? [route(d.name, d.trigger)] : []));
}

/** Routes of the machine API (docs/machine-clients.md): its OAuth endpoints and every route offered to machines. */
export function machineRoutesOf(declarations: readonly FunctionDeclaration[]): Route[] {
  return declarations.flatMap((d) => (d.trigger.type === 'http' && onMachineApi(d.trigger) ? [route(d.name, d.trigger)] : []));
}

function route(functionName: string, trigger: HttpTrigger): Route {
  const names: string[] = [];
  const pattern = trigger.path
    .split('/')
    .map((segment) => {
      const param = /^\{([A-Za-z0-9_]+)(\+)?\}$/.exec(segment);
      if (!param) return segment.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
      names.push(param[1]!);
      return param[2] ? '(.+)' : '([^/]+)';
    })
    .join('/');
  const regex = new RegExp(`^${pattern}$`);
  return {
    functionName,
    trigger,
    routeKey: `${trigger.method} ${trigger.path}`,
    match(method, path) {
      if (method !== trigger.method) return undefined;
      const m = regex.exec(path);
      if (!m) return undefined;
      return Object.fromEntries(names.map((n, i) => [n, decodeURIComponent(m[i + 1]!)]));
    },
  };
}

/** API Gateway prefers a route with fewer parameters: literal segments win over `{param}`. */
export function findRoute(routes: readonly Route[], method: string, path: string) {
  const matches = routes
    .map((r) => ({ route: r, params: r.match(method, path) }))
    .filter((m): m is { route: Route; params: Record<string, string> } => m.params !== undefined)
    .sort((a, b) => Object.keys(a.params).length - Object.keys(b.params).length);
  return matches[0];
}
