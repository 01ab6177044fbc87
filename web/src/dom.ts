/**
 * A small DOM builder: every text goes in as a text node (never as HTML), so nothing a record, a notice or
 * a user typed can run as markup. `testid` sets `data-testid` (the browser tests' handle, README).
 */
export type Child = Node | string | number | null | undefined | false | Child[];
type AttrValue = string | number | boolean | undefined | null | ((event: Event) => void);

export function h<K extends keyof HTMLElementTagNameMap>(tag: K, attrs: Record<string, AttrValue> = {}, ...children: Child[]): HTMLElementTagNameMap[K] {
  const element = document.createElement(tag);
  for (const [name, value] of Object.entries(attrs)) {
    if (value === undefined || value === null || value === false) continue;
    if (typeof value === 'function') element.addEventListener(name.replace(/^on/, ''), value);
    else if (name === 'testid') element.setAttribute('data-testid', String(value));
    else if (name === 'class') element.className = String(value);
    else if (name === 'value' && 'value' in element) (element as HTMLInputElement).value = String(value);
    else element.setAttribute(name, value === true ? '' : String(value));
  }
  append(element, children);
  return element;
}

export function append(parent: Node, children: Child[]): void {
  for (const child of children) {
    if (child === null || child === undefined || child === false) continue;
    if (Array.isArray(child)) append(parent, child);
    else parent.appendChild(child instanceof Node ? child : document.createTextNode(String(child)));
  }
}

/** Replaces what `parent` shows. */
export function show(parent: Element, ...children: Child[]): void {
  parent.replaceChildren();
  append(parent, children);
}

/** A definition list of label → value rows, each value with its test id. */
export function facts(rows: [label: string, value: Child, testid?: string][]): HTMLDListElement {
  return h('dl', { class: 'facts' }, rows.flatMap(([label, value, testid]) => [h('dt', {}, label), h('dd', { testid }, value === '' || value === undefined || value === null ? '—' : value)]));
}

/** A labelled form field. */
export function field(label: string, control: HTMLElement, hint?: string): HTMLLabelElement {
  return h('label', { class: 'field' }, h('span', { class: 'label' }, label), control, hint ? h('small', { class: 'hint' }, hint) : null);
}

/** The value of a form control found by its test id. */
export function valueOf(form: ParentNode, testid: string): string {
  const control = form.querySelector<HTMLInputElement | HTMLSelectElement | HTMLTextAreaElement>(`[data-testid="${testid}"]`);
  return control?.value.trim() ?? '';
}

export const errorBox = (message: string) => h('p', { class: 'error', role: 'alert', testid: 'error' }, message);
export const notice = (message: string, testid: string) => h('p', { class: 'ok', role: 'status', testid }, message);
export const loading = () => h('p', { class: 'loading', testid: 'loading' }, '加载中…');
