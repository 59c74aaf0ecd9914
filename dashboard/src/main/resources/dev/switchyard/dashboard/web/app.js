'use strict';
// Switchyard dashboard. Renders the overview JSON that the server pushes on /api/events.
// Plain DOM, no framework: every overview rebuilds the data sections from scratch, while the
// header (date input, connection state) is static markup so focus and typing survive updates.
// Data only ever reaches the DOM through textContent / setAttribute, never through innerHTML.

const $ = (id) => document.getElementById(id);
const SVG_NS = 'http://www.w3.org/2000/svg';
const TOKEN_KEY = 'switchyard.token';
const DATE_RE = /^\d{4}-\d{2}-\d{2}$/;

const state = {
  date: new URLSearchParams(location.search).get('date'), // null: let the server pick today
  overview: null,
  source: null,       // current EventSource
  generation: 0,      // bumped on each re-subscribe so late answers for an old date are dropped
  retryTimer: null,
  retries: 0,
  memoryToken: null,  // fallback when sessionStorage is unavailable
};

// ---------- small DOM helpers ----------

function build(node, attrs, children) {
  for (const [k, v] of Object.entries(attrs || {})) {
    if (v == null || v === false) continue;
    if (k === 'class') node.setAttribute('class', v);
    else if (k === 'text') node.textContent = v;
    else if (k.startsWith('on')) node.addEventListener(k.slice(2), v);
    else node.setAttribute(k, v === true ? '' : String(v));
  }
  for (const c of children.flat()) {
    if (c == null || c === false) continue;
    node.append(c); // strings become text nodes, so they are never parsed as HTML
  }
  return node;
}
const el = (tag, attrs, ...children) => build(document.createElement(tag), attrs, children);
const svg = (tag, attrs, ...children) => build(document.createElementNS(SVG_NS, tag), attrs, children);

// ---------- status vocabulary ----------

// Tones drive colour everywhere (pills, chain boxes, sparkline bars) so the palette stays consistent.
const STATUS_TONE = {
  SUCCEEDED: 'ok', RUNNING: 'run', STARTING: 'run', STOPPING: 'run',
  FAILED: 'bad', TIMEOUT: 'bad', ERROR: 'bad', STOPPED: 'warn', WAITING: 'idle',
};
const tone = (status) => (status ? STATUS_TONE[status] || 'idle' : 'none');
const RUN_TONE = { OPEN: 'run', SUCCEEDED: 'ok', BLOCKED: 'bad' };
const runTone = (run) => (run ? RUN_TONE[run.status] || 'idle' : 'none');
const SUMMARY_GROUPS = [
  ['ok', 'succeeded'], ['run', 'running'], ['bad', 'failed'],
  ['warn', 'stopped'], ['idle', 'waiting'], ['none', 'no status'],
];

// ---------- formatting ----------

function fmtSeconds(s) {
  if (s == null || !Number.isFinite(s)) return '—';
  if (s < 10) return `${Math.round(s * 10) / 10} s`; // a tenth: short jobs are not all "0 s"
  s = Math.round(s);
  if (s < 60) return `${s} s`;
  if (s < 3600) {
    const m = Math.floor(s / 60), r = s % 60;
    return r ? `${m} min ${r} s` : `${m} min`;
  }
  const h = Math.floor(s / 3600), m = Math.floor((s % 3600) / 60);
  return m ? `${h} h ${m} min` : `${h} h`;
}

function relative(iso, now = Date.now()) {
  const t = Date.parse(iso);
  if (Number.isNaN(t)) return String(iso);
  const diff = Math.round((now - t) / 1000);
  const a = Math.abs(diff);
  if (a < 45) return 'just now';
  let txt;
  if (a < 3600) txt = `${Math.max(1, Math.floor(a / 60))} min`;
  else if (a < 86400) txt = `${Math.floor(a / 3600)} h`;
  else txt = `${Math.floor(a / 86400)} d`;
  return diff >= 0 ? `${txt} ago` : `in ${txt}`;
}

// Clock time in the server's zone, so "updated" reads the same for every viewer.
function clock(iso, zone) {
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return '—';
  const opts = { hour: '2-digit', minute: '2-digit', second: '2-digit', hourCycle: 'h23' };
  try {
    return new Intl.DateTimeFormat('en-GB', { ...opts, timeZone: zone || undefined }).format(d);
  } catch {
    return new Intl.DateTimeFormat('en-GB', opts).format(d); // unknown zone name: browser zone
  }
}

function weekday(date) {
  const d = new Date(`${date}T00:00:00Z`);
  return Number.isNaN(d.getTime()) ? '' : d.toLocaleDateString('en-GB', { weekday: 'long', timeZone: 'UTC' });
}

// A <time> that shows "3 min ago" and keeps the exact instant in its title; refreshed by a timer.
function timeAgo(iso, extraTitle) {
  if (!iso) return el('span', { class: 'muted', text: '—' });
  return el('time', {
    datetime: iso, 'data-ts': iso, text: relative(iso),
    title: extraTitle ? `${iso}\n${extraTitle}` : iso,
  });
}

// ---------- token and operator actions ----------

function getToken() {
  try { return sessionStorage.getItem(TOKEN_KEY) || state.memoryToken; } catch { return state.memoryToken; }
}
function setToken(token) {
  state.memoryToken = token;
  try { token ? sessionStorage.setItem(TOKEN_KEY, token) : sessionStorage.removeItem(TOKEN_KEY); } catch { /* private mode */ }
}

// The token arrives as #token=... so it never reaches server logs; keep it and scrub it from the URL bar.
function takeTokenFromFragment() {
  const m = /(?:^#|&)token=([^&]*)/.exec(location.hash);
  if (!m) return;
  try { setToken(decodeURIComponent(m[1])); } catch { setToken(m[1]); }
  history.replaceState(history.state, '', location.pathname + location.search);
}

async function runAction(button, path, label) {
  let token = getToken();
  if (!token) {
    token = (window.prompt('Operator token for Switchyard actions:') || '').trim();
    if (!token) return;
    setToken(token);
  }
  button.disabled = true;
  try {
    const res = await fetch(path, {
      method: 'POST',
      headers: { Authorization: `Bearer ${token}`, Accept: 'application/json' },
    });
    const body = await res.json().catch(() => ({}));
    if (res.ok && !body.error) {
      toast(body.message || `${label}: done`, 'ok');
      fetchOverview(); // the stream will follow too; this just makes the change show at once
    } else {
      if (res.status === 401 || res.status === 403) setToken(null); // ask again next time
      toast(body.error || `${label} failed (HTTP ${res.status})`, 'bad');
    }
  } catch (e) {
    toast(`${label} failed: ${e.message}`, 'bad');
  } finally {
    button.disabled = false;
  }
}

function actionButton(action, text, path, label) {
  return el('button', {
    type: 'button', class: `btn btn-small action-${action}`, 'data-action': action, text,
    onclick: (e) => runAction(e.currentTarget, path, label),
  });
}

let toastTimer = null;
function toast(message, kind) {
  const t = $('toast');
  t.textContent = message;
  t.className = `toast tone-${kind}`;
  t.hidden = false;
  clearTimeout(toastTimer);
  toastTimer = setTimeout(() => { t.hidden = true; }, 6000);
}

// ---------- errors and connection ----------

function showError(message) {
  const e = $('error');
  e.textContent = message;
  e.hidden = false;
}
function hideError() {
  const e = $('error');
  e.hidden = true;
  e.textContent = '';
}

function setConnection(live) {
  const c = $('connection');
  const text = live ? 'live' : 'reconnecting';
  if (c.textContent !== text) c.textContent = text;
  c.dataset.state = text;
  c.parentElement.dataset.state = text;
}

// ---------- networking ----------

const withDate = (path) => (state.date ? `${path}?date=${encodeURIComponent(state.date)}` : path);

async function fetchOverview() {
  const gen = state.generation;
  try {
    const res = await fetch(withDate('/api/overview'), { headers: { Accept: 'application/json' }, cache: 'no-store' });
    const body = await res.json().catch(() => null);
    if (gen !== state.generation) return;
    if (!res.ok || !body || body.error) {
      showError((body && body.error) || `The server answered HTTP ${res.status}.`);
      return;
    }
    applyOverview(body);
  } catch (e) {
    if (gen === state.generation) showError(`Cannot reach the server (${e.message}).`);
  }
}

function subscribe() {
  if (state.source) state.source.close();
  clearTimeout(state.retryTimer);
  const gen = state.generation;
  const es = new EventSource(withDate('/api/events'));
  state.source = es;

  es.addEventListener('open', () => {
    if (gen !== state.generation) return;
    state.retries = 0;
    setConnection(true);
  });
  es.addEventListener('overview', (e) => {
    if (gen !== state.generation) return;
    setConnection(true);
    let data;
    try { data = JSON.parse(e.data); } catch { showError('Received an unreadable update from the server.'); return; }
    if (data && data.error) showError(data.error);
    else applyOverview(data);
  });
  // Only the categories that changed since the last message; the rest of the page stays as it is.
  es.addEventListener('changes', (e) => {
    if (gen !== state.generation) return;
    setConnection(true);
    let data;
    try { data = JSON.parse(e.data); } catch { showError('Received an unreadable update from the server.'); return; }
    const cur = state.overview;
    if (!cur || cur.date !== data.date) { fetchOverview(); return; }
    const changed = new Map((data.categories || []).map((c) => [c.category, c]));
    applyOverview({ ...data, categories: (cur.categories || []).map((c) => changed.get(c.category) || c) });
  });
  // The server could not read the stores this time (it tries again at the next refresh).
  es.addEventListener('problem', (e) => {
    if (gen !== state.generation) return;
    try { showError(JSON.parse(e.data).error || e.data); } catch { showError(e.data); }
  });
  es.addEventListener('error', (e) => {
    if (gen !== state.generation) return;
    // A server-sent "event: error" carries data; a transport error does not.
    if (e.data) {
      try { showError(JSON.parse(e.data).error || e.data); } catch { showError(e.data); }
      return;
    }
    setConnection(false);
    // EventSource retries by itself, except after an HTTP error answer: then it is CLOSED for good,
    // so retry ourselves with a growing pause (and re-fetch, which shows the server's error if any).
    if (es.readyState === EventSource.CLOSED) {
      const delay = Math.min(30000, 2000 * 2 ** state.retries++);
      state.retryTimer = setTimeout(() => { fetchOverview(); subscribe(); }, delay);
    }
  });
}

function changeDate(value) {
  if (!DATE_RE.test(value) || value === state.date) return;
  state.date = value;
  const url = new URL(location.href);
  url.searchParams.set('date', value);
  history.replaceState(history.state, '', url.pathname + url.search);
  state.generation++;
  state.retries = 0;
  hideError();
  $('main').classList.add('stale'); // dim the old date until the new one arrives
  setConnection(false);
  fetchOverview();
  subscribe();
}

// ---------- rendering ----------

function applyOverview(ov) {
  if (!ov || typeof ov !== 'object') return;
  // The one-off fetch and the stream race; never let an older snapshot replace a newer one.
  const cur = state.overview;
  if (cur && cur.date === ov.date && Date.parse(ov.generatedAt) < Date.parse(cur.generatedAt)) return;
  state.overview = ov;
  hideError();
  render(ov);
}

function render(ov) {
  $('table').textContent = ov.table || '';
  const input = $('date');
  if (ov.date && document.activeElement !== input) input.value = ov.date;
  const updated = $('updated');
  updated.textContent = clock(ov.generatedAt, ov.zone);
  updated.setAttribute('datetime', ov.generatedAt || '');
  updated.title = `${ov.generatedAt || ''} (times in ${ov.zone || 'server zone'})`;
  document.title = ov.date ? `Switchyard · ${ov.date}` : 'Switchyard';

  const cats = Array.isArray(ov.categories) ? ov.categories : [];
  $('summary').replaceChildren(...renderSummary(ov, cats));
  $('chain').replaceChildren(renderChain(ov, cats));
  $('anomalies').replaceChildren(renderAnomalies(ov));
  $('categories').replaceChildren(
    ...(cats.length ? cats.map((c) => renderCategory(c, ov)) : [el('p', { class: 'panel muted', text: 'No categories in the control table.' })]));
  $('main').classList.remove('stale', 'empty');
}

function renderSummary(ov, cats) {
  const counts = Object.fromEntries(SUMMARY_GROUPS.map(([t]) => [t, 0]));
  let total = 0;
  for (const c of cats) for (const j of c.jobs || []) { counts[tone(j.statusFlag)]++; total++; }
  const stat = (key, value, label, t) => el('div', {
    class: `stat${value && t ? ` tone-${t}` : ''}`, 'data-summary': key, title: label,
  }, el('span', { class: 'stat-value', text: String(value) }), el('span', { class: 'stat-label', text: label }));

  const isToday = ov.date && ov.date === ov.today;
  return [
    el('div', { class: 'stat stat-date' },
      el('span', { class: 'stat-value', text: ov.date || '—' }),
      el('span', { class: 'stat-label', text: [weekday(ov.date), isToday ? 'today' : ''].filter(Boolean).join(' · ') })),
    stat('jobs', total, 'jobs', null),
    ...SUMMARY_GROUPS.map(([t, label]) => stat(t === 'none' ? 'none' : label, counts[t], label, t === 'none' ? null : t)),
    el('span', { class: 'stat-sep', 'aria-hidden': 'true' }),
    stat('anomalies', (ov.anomalies || []).length, 'anomalies', 'warn'),
    stat('blocked', (ov.blocked || []).length, 'blocked runs', 'bad'),
  ];
}

function runLabel(c) {
  const r = c.run;
  if (!r) return (c.waitingOn || []).length ? `waiting on ${c.waitingOn.join(', ')}` : 'no run yet';
  return `${r.status.toLowerCase()} · ${r.succeeded ?? 0}/${r.jobs ?? 0}`;
}

function scrollToCategory(name) {
  const card = document.querySelector(`.category[data-category="${CSS.escape(name)}"]`);
  if (card) card.scrollIntoView({ behavior: 'smooth', block: 'start' });
}

// Chain diagram: one column per level (longest path from a root), curved arrows for dependsOn.
function renderChain(ov, cats) {
  const nodes = Array.isArray(ov.chain) ? ov.chain : [];
  if (!nodes.length) return el('p', { class: 'muted', text: 'No categories.' });
  const byName = new Map(cats.map((c) => [c.category, c]));
  const columns = new Map();
  for (const n of nodes) {
    const lv = Number(n.level) || 0;
    if (!columns.has(lv)) columns.set(lv, []);
    columns.get(lv).push(n);
  }
  const levels = [...columns.keys()].sort((a, b) => a - b);
  const W = 132, H = 50, GX = 54, GY = 14, PAD = 2;
  const rows = Math.max(...[...columns.values()].map((c) => c.length));
  const width = PAD * 2 + levels.length * W + (levels.length - 1) * GX;
  const height = PAD * 2 + rows * H + (rows - 1) * GY;

  const pos = new Map();
  levels.forEach((lv, i) => {
    const col = columns.get(lv);
    const offset = ((rows - col.length) * (H + GY)) / 2; // centre short columns vertically
    col.forEach((n, j) => pos.set(n.category, { x: PAD + i * (W + GX), y: PAD + offset + j * (H + GY) }));
  });

  const root = svg('svg', {
    width, height, viewBox: `0 0 ${width} ${height}`, role: 'img', class: 'chain-svg',
    'aria-label': nodes.map((n) => `${n.category}: ${runLabel(byName.get(n.category) || {})}`).join('; '),
  });
  root.append(svg('defs', {}, svg('marker', {
    id: 'chain-arrow', viewBox: '0 0 10 10', refX: 9, refY: 5, markerWidth: 7, markerHeight: 7, orient: 'auto-start-reverse',
  }, svg('path', { d: 'M0,0 L10,5 L0,10 z', class: 'arrow-head' }))));

  for (const n of nodes) {
    const to = pos.get(n.category);
    for (const dep of n.dependsOn || []) {
      const from = pos.get(dep);
      if (!from || !to) continue;
      const x1 = from.x + W, y1 = from.y + H / 2, x2 = to.x - 2, y2 = to.y + H / 2, mx = (x1 + x2) / 2;
      const done = byName.get(dep)?.run?.status === 'SUCCEEDED';
      root.append(svg('path', {
        d: `M${x1},${y1} C${mx},${y1} ${mx},${y2} ${x2},${y2}`,
        class: `edge${done ? ' edge-done' : ''}`, 'marker-end': 'url(#chain-arrow)',
      }));
    }
  }
  for (const n of nodes) {
    const p = pos.get(n.category);
    const c = byName.get(n.category) || {};
    const g = svg('g', {
      class: `chain-node tone-${runTone(c.run)}`, 'data-chain-category': n.category,
      transform: `translate(${p.x},${p.y})`, tabindex: 0, role: 'button',
      onclick: () => scrollToCategory(n.category),
      onkeydown: (e) => { if (e.key === 'Enter' || e.key === ' ') { e.preventDefault(); scrollToCategory(n.category); } },
    });
    g.append(
      svg('title', { text: `${n.category}: ${runLabel(c)}` }),
      svg('rect', { width: W, height: H, rx: 8, class: 'node-box' }),
      svg('rect', { width: 5, height: H - 16, x: 0, y: 8, rx: 2, class: 'node-mark' }),
      svg('text', { x: 14, y: 21, class: 'node-name', text: n.category }),
      svg('text', { x: 14, y: 38, class: 'node-status', text: truncate(runLabel(c), 19) }),
    );
    root.append(g);
  }
  return root;
}

const truncate = (s, n) => (s.length > n ? `${s.slice(0, n - 1)}…` : s);

function scrollToJob(name) {
  const row = document.querySelector(`tr[data-job="${CSS.escape(name)}"]`);
  if (!row) return;
  row.scrollIntoView({ behavior: 'smooth', block: 'center' });
  row.classList.remove('flash');
  void row.offsetWidth; // restart the highlight animation
  row.classList.add('flash');
}

function renderAnomalies(ov) {
  const list = Array.isArray(ov.anomalies) ? ov.anomalies : [];
  if (!list.length) return el('p', { class: 'muted empty', text: 'No anomalies: recent durations look normal.' });
  return el('ul', { class: 'anomaly-list' }, list.map((a) => el('li', { 'data-anomaly': a.jobName },
    el('span', { class: `kind kind-${String(a.kind).toLowerCase()}`, text: a.kind }),
    el('button', { type: 'button', class: 'link', text: a.jobName, onclick: () => scrollToJob(a.jobName) }),
    el('span', { class: 'muted', text: a.category || '' }),
    el('span', { class: 'anomaly-text', text: a.text || '' }))));
}

function renderCategory(c, ov) {
  const run = c.run;
  const actions = !!(ov.actions && ov.actions.enabled);
  const card = el('section', { class: `category panel tone-${runTone(run)}`, 'data-category': c.category });

  const meta = [];
  if ((c.dependsOn || []).length) meta.push(`after ${c.dependsOn.join(', ')}`);
  if ((c.downstream || []).length) meta.push(`then ${c.downstream.join(', ')}`);
  if (c.maxConcurrency != null) meta.push(`max ${c.maxConcurrency} at once`);

  card.append(el('header', { class: 'cat-head' },
    el('h2', { class: 'cat-name', text: c.category }),
    el('span', { class: `pill run-status tone-${runTone(run)}`, text: run ? run.status : 'no run yet' }),
    run ? progress(run) : null,
    run && run.openedAt ? el('span', { class: 'muted small' }, 'opened ', timeAgo(run.openedAt)) : null,
    el('span', { class: 'cat-meta muted small', text: meta.join(' · ') })));

  if (run && run.status === 'BLOCKED') {
    card.append(el('div', { class: 'notice tone-bad' },
      el('strong', { text: 'Blocked by' }),
      el('ul', { class: 'blockers' }, (run.blockers || []).map((b) => el('li', {},
        el('button', { type: 'button', class: 'link', text: b.jobName, onclick: () => scrollToJob(b.jobName) }),
        el('span', { class: `pill tone-${tone(b.state)}`, text: b.state || '—' }),
        b.jobRunId ? el('span', { class: 'muted mono small', text: b.jobRunId }) : null))),
      actions ? actionButton('rerun', 're-run failed',
        `/api/categories/${encodeURIComponent(c.category)}/runs/${encodeURIComponent(ov.date)}/rerun`,
        `Re-run ${c.category}`) : null));
  } else if (!run && (c.waitingOn || []).length) {
    card.append(el('div', { class: 'notice tone-idle' },
      `Waiting for ${c.waitingOn.join(', ')} to succeed for ${ov.date}; starts after that.`));
  } else if (!run) {
    card.append(el('div', { class: 'notice tone-none' }, `No run yet for ${ov.date}.`));
  }

  const jobs = c.jobs || [];
  if (!jobs.length) {
    card.append(el('p', { class: 'muted', text: 'No jobs in this category.' }));
    return card;
  }
  // Fixed column classes so the tables of all cards line up under each other.
  const heads = [['job', 'Job'], ['plan', 'Plan for the date'], ['status', 'Status'], ['time', 'Last run'],
    ['duration', 'Duration · usual'], ['spark', 'Recent runs']];
  if (actions) heads.push(['actions', '']);
  card.append(el('div', { class: 'table-wrap' }, el('table', { class: `jobs${actions ? ' with-actions' : ''}` },
    el('thead', {}, el('tr', {}, heads.map(([k, h]) => el('th', { scope: 'col', class: `h-${k}`, text: h })))),
    el('tbody', {}, jobs.map((j) => renderJob(j, actions))))));
  return card;
}

function progress(run) {
  const total = Math.max(1, run.jobs || 0);
  const seg = (n, t) => (n ? el('span', { class: `seg tone-${t}`, style: `width:${(100 * n) / total}%` }) : null);
  const parts = [`${run.succeeded ?? 0}/${run.jobs ?? 0} succeeded`];
  if (run.pending) parts.push(`${run.pending} pending`);
  if (run.failed) parts.push(`${run.failed} failed`);
  return el('span', { class: 'progress-wrap' },
    el('span', { class: 'progress', 'aria-hidden': 'true' }, seg(run.succeeded, 'ok'), seg(run.pending, 'run'), seg(run.failed, 'bad')),
    el('span', { class: 'small', text: parts.join(' · ') }));
}

function renderJob(j, actions) {
  const status = j.statusFlag || '';
  const t = tone(j.statusFlag);
  const invalid = String(j.reason || '').startsWith('INVALID');
  const tr = el('tr', {
    'data-job': j.jobName, 'data-status': status,
    class: [j.runs ? '' : 'not-planned', j.anomaly ? 'has-anomaly' : ''].filter(Boolean).join(' ') || null,
  });

  const planTone = invalid ? 'bad' : j.runs ? 'ok' : 'idle';
  const planBits = [j.runCondition, j.environment ? `env ${j.environment}` : null].filter(Boolean).join(' · ');
  tr.append(
    el('td', { class: 'job-name', title: j.jobName, text: j.jobName }),
    el('td', { class: 'plan', title: planBits || null },
      el('div', {},
        el('span', { class: `plan-flag tone-${planTone}`, text: j.runs ? 'runs' : 'no run' }),
        el('span', { class: 'reason', text: j.reasonWords || String(j.reason || '').toLowerCase() })),
      j.why ? el('div', { class: 'why', text: j.why }) : null),
    el('td', { class: 'col-status' }, el('span', { class: `pill status tone-${t}`, text: status || '—' })),
    el('td', { class: 'col-time' }, timeAgo(j.lastRunTimestamp, j.lastRunId ? `run ${j.lastRunId}` : null)),
    durationCell(j, t),
    el('td', { class: 'col-spark' }, sparkline(j)));
  if (actions) {
    const skipped = String(j.skipFlag || '').toUpperCase() === 'YES';
    const path = `/api/jobs/${encodeURIComponent(j.jobName)}/${skipped ? 'unskip' : 'skip'}`;
    tr.append(el('td', { class: 'col-actions' }, skipped
      ? actionButton('unskip', 'unskip', path, `Unskip ${j.jobName}`)
      : actionButton('skip', 'skip', path, `Skip ${j.jobName}`)));
  }
  return tr;
}

function durationCell(j, t) {
  const a = j.anomaly;
  const td = el('td', { class: `col-duration${a ? ' anomaly' : ''}`, title: a ? a.text : null });
  if (a) td.append(el('span', { class: `kind kind-${String(a.kind).toLowerCase()}`, text: a.kind }), ' ');
  let main;
  if (j.lastDurationSeconds != null) main = fmtSeconds(j.lastDurationSeconds);
  else if (a && a.seconds != null) main = `${fmtSeconds(a.seconds)} so far`; // STUCK: run still going
  else if (t === 'run') main = 'in progress';
  else main = '—';
  td.append(el('span', { class: 'dur', text: main }));
  if (j.usualDurationSeconds != null) td.append(' ', el('span', { class: 'usual', text: `· usual ${fmtSeconds(j.usualDurationSeconds)}` }));
  return td;
}

// Bar chart of recent durations, right-aligned in 20 fixed slots so every row lines up.
function sparkline(j) {
  const runs = (Array.isArray(j.recent) ? j.recent : []).slice(-20);
  if (!runs.length) return el('span', { class: 'muted small', text: 'no history' });
  const SLOTS = 20, BW = 5, GAP = 2, H = 28, TOP = 3;
  const width = SLOTS * (BW + GAP) - GAP;
  const usual = j.usualDurationSeconds;
  const max = Math.max(1, usual || 0, ...runs.map((r) => r.seconds || 0));
  const scale = (s) => Math.max(2, (s / max) * (H - TOP));
  const root = svg('svg', {
    width, height: H, viewBox: `0 0 ${width} ${H}`, class: 'spark', role: 'img',
    'aria-label': `Recent durations: ${runs.map((r) => `${fmtSeconds(r.seconds)} ${r.state}`).join(', ')}`,
  });
  const first = SLOTS - runs.length;
  runs.forEach((r, i) => {
    const open = r.seconds == null; // still running: fixed stub rather than a guess
    const h = open ? Math.min(H - TOP, 10) : scale(r.seconds);
    const last = i === runs.length - 1;
    root.append(svg('rect', {
      x: (first + i) * (BW + GAP), y: H - h, width: BW, height: h, rx: 1,
      class: `bar tone-${tone(r.state)}${last ? ' last' : ''}${open ? ' open' : ''}`,
    }, svg('title', { text: `${r.startedOn || ''}  ${r.state || ''}  ${open ? 'running' : fmtSeconds(r.seconds)}` })));
  });
  if (usual != null) {
    const y = H - scale(usual);
    root.append(svg('line', { x1: 0, x2: width, y1: y, y2: y, class: 'usual-line' },
      svg('title', { text: `usual ${fmtSeconds(usual)}` })));
  }
  return root;
}

// ---------- start ----------

function refreshRelativeTimes() {
  const now = Date.now();
  for (const t of document.querySelectorAll('[data-ts]')) t.textContent = relative(t.dataset.ts, now);
}

function init() {
  takeTokenFromFragment();
  const input = $('date');
  if (state.date && DATE_RE.test(state.date)) input.value = state.date;
  input.addEventListener('change', () => changeDate(input.value));
  $('today').addEventListener('click', () => {
    const today = state.overview?.today || new Date().toISOString().slice(0, 10);
    input.value = today;
    changeDate(today);
  });
  setInterval(refreshRelativeTimes, 20000);
  fetchOverview(); // first paint without waiting for the stream
  subscribe();
}

init();
