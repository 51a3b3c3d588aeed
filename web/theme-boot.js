/*
 * theme-boot.js — the theme before anything else loads, so that a dark page
 * never flashes light: the saved choice, else the system's.  A classic
 * script in <head> (index.html, notebook.html); theme.js keeps it up to
 * date on the notebook page.
 */
try {
  const saved = localStorage.getItem('heaplab-theme');
  document.documentElement.dataset.theme = saved === 'dark' || saved === 'light' ? saved
    : matchMedia('(prefers-color-scheme: dark)').matches ? 'dark' : 'light';
} catch (e) { /* storage off: light */ }
