/*
 * theme.js — light / dark / follow-the-system, remembered per browser.  The
 * colours are CSS variables keyed on a data-theme attribute (theme.css,
 * panels.css); the system's preference is resolved here, once, rather than
 * in a second copy of every dark colour under a media query.
 */
const KEY = 'heaplab-theme';
const NEXT = { auto: 'dark', dark: 'light', light: 'auto' };
const LABEL = { auto: 'Theme: system', dark: 'Theme: dark', light: 'Theme: light' };
const system = () => globalThis.matchMedia?.('(prefers-color-scheme: dark)');

/* Keeps el's data-theme on the system's light or dark as it changes (the
 * embed's cells; the page in 'system' mode).  mode() says whether to. */
export function followSystem(el, mode = () => 'auto') {
  const mq = system();
  const apply = () => { if (mode() === 'auto') el.dataset.theme = mq?.matches ? 'dark' : 'light'; };
  mq?.addEventListener?.('change', apply);
  apply();
  return apply;
}

export function initTheme(button) {
  let mode = 'auto';
  try { mode = localStorage.getItem(KEY) || 'auto'; } catch { /* storage may be off */ }
  const html = document.documentElement;
  const follow = followSystem(html, () => mode);
  const apply = () => {
    if (mode === 'auto') follow();
    else html.dataset.theme = mode;
    button.textContent = { auto: '◐', dark: '☾', light: '☀' }[mode];
    button.title = `${LABEL[mode]} (change)`;
    button.setAttribute('aria-label', button.title);
  };
  button.addEventListener('click', () => {
    mode = NEXT[mode] ?? 'auto';
    try { localStorage.setItem(KEY, mode); } catch { /* not remembered */ }
    apply();
  });
  apply();
}
