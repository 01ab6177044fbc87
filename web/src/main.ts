import './styles.css';
import { consolePage } from './console/shell.ts';
import { config, loadConfig } from './config.ts';
import { errorBox, h, show } from './dom.ts';
import { loginPage } from './login-page.ts';
import { homePage, listPage, publicNoticesPage, recordPage, searchPage, verifyPage } from './public-pages.ts';
import { currentRoute, go, href, type Route } from './router.ts';
import { usageLogPage } from './usage-log-page.ts';
import { currentCaller, signOut } from './session.ts';

/** The county's credit website and console: one page, hash routes, no framework. */

type Page = (root: HTMLElement, route: Route) => void | Promise<void>;

const pages: Record<string, Page> = {
  '': homePage,
  search: searchPage,
  records: recordPage,
  lists: listPage,
  notices: publicNoticesPage,
  verify: verifyPage,
  'usage-log': usageLogPage,
  login: loginPage,
  console: consolePage,
};

function header(): HTMLElement {
  const caller = currentCaller();
  const link = (to: string, label: string, testid: string) => h('a', { href: to, testid }, label);
  return h(
    'header',
    { class: 'site-header' },
    h('a', { class: 'brand', href: href('/'), testid: 'site-title' }, config().siteName),
    h(
      'nav',
      { class: 'site-nav', 'aria-label': '主导航' },
      link(href('/search'), '信用查询', 'nav-search'),
      link(href('/lists/red'), '红名单', 'nav-red-list'),
      link(href('/lists/black'), '黑名单', 'nav-black-list'),
      link(href('/notices'), '信用通报', 'nav-notices'),
      link(href('/verify'), '报告核验', 'nav-verify'),
      link(href('/usage-log'), '使用记录日志', 'nav-usage-log'),
      caller
        ? [
            link(href('/console'), '控制台', 'nav-console'),
            h(
              'button',
              {
                type: 'button',
                class: 'link',
                testid: 'nav-logout',
                onclick: () => {
                  signOut();
                  go('/');
                  render();
                },
              },
              '退出',
            ),
          ]
        : link(href('/login'), '登录', 'nav-login'),
    ),
  );
}

let rendering = 0;

async function render(): Promise<void> {
  const ticket = ++rendering;
  const route = currentRoute();
  const name = route.segments[0] ?? '';
  const page = pages[name];
  const main = h('main', { id: 'main', testid: 'page', 'data-page': page ? name || 'home' : 'not-found' });
  const app = document.getElementById('app')!;
  show(app, header(), main, h('footer', { class: 'site-footer' }, `${config().siteName} · ${config().countyName}社会信用体系建设领导小组办公室`));
  if (!page) return show(main, h('h1', {}, '页面不存在'), h('a', { href: href('/') }, '返回首页'));
  try {
    await page(main, route);
  } catch (error) {
    if (ticket === rendering) show(main, errorBox((error as Error).message));
  }
  if (ticket === rendering) main.setAttribute('data-ready', 'true');
}

async function start(): Promise<void> {
  try {
    await loadConfig();
  } catch (error) {
    show(document.getElementById('app')!, errorBox(`站点配置加载失败：${(error as Error).message}`));
    return;
  }
  window.addEventListener('hashchange', () => void render());
  await render();
}

void start();
