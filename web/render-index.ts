/**
 * The site's one HTML page for a county: the template (web/index.html) with the county's site name in
 * its title. The local runtime serves it rendered; the stack deploys it rendered (Source.data), so the
 * same build serves every county.
 */
export interface SitePage {
  siteName: string;
  countyName: string;
}

const escapeHtml = (text: string): string => text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

export function renderIndex(template: string, page: SitePage): string {
  return template.replaceAll('{{siteName}}', escapeHtml(page.siteName)).replaceAll('{{countyName}}', escapeHtml(page.countyName));
}
