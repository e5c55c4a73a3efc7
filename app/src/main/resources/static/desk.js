// The agent desk: plain JavaScript against the hotline API, no build step.
// Everything the desk shows comes from /api; every change is an API call carrying the version it saw.
'use strict';

const CATEGORIES = {
  WATER_SUPPLY_OUTAGE: '停水 Supply outage', LOW_PRESSURE: '水压低 Low pressure', PIPE_BURST: '爆管 Pipe burst',
  WATER_QUALITY: '水质 Water quality', METER_BILLING: '水表水费 Meter/billing', WATERLOGGING: '积水 Waterlogging',
  SEWAGE_OVERFLOW: '污水冒溢 Sewage overflow', DRAINAGE_FACILITY: '排水设施 Drainage facility',
  SERVICE_ATTITUDE: '服务态度 Service attitude', OTHER: '其他 Other'
};
const STATES = {
  PENDING_SIGN: '待签收', ACCEPTED: '已受理', VERIFYING: '核实中', SCREENED: '已甄别', ASSIGNED: '已交办',
  RETURN_REQUESTED: '申请退件', EXTENSION_REQUESTED: '申请延期', AWAITING_REVIEW: '待审核', REVIEWED: '已审核',
  CITIZEN_REPLIED: '已回复', CALLED_BACK: '已回访', SECOND_HANDLING_REQUESTED: '申请二次办理',
  EVALUATION_REQUESTED: '申请第三方评价', CLOSED: '已办结'
};
// Each action: its label and the form fields it needs.
const ACTIONS = {
  SIGN: ['签收 Sign', []],
  START_VERIFICATION: ['核实 Verify', ['note*']],
  COMPLETE_VERIFICATION: ['核实完成 Verified', ['note*']],
  SCREEN: ['甄别 Screen', ['category*', 'priority', 'note']],
  ANSWER_DIRECTLY: ['直接解答 Answer directly', ['reply*', 'knowledgeArticleId', 'note']],
  ASSIGN: ['交办 Assign', ['departmentId*', 'note']],
  TRANSFER: ['转办 Transfer', ['departmentId*', 'note*']],
  URGE: ['催办 Urge', ['note']],
  DEPARTMENT_REPLY: ['部门答复 Reply', ['reply*', 'note']],
  REQUEST_RETURN: ['申请退件 Request return', ['note*']],
  REQUEST_EXTENSION: ['申请延期 Request extension', ['extensionWorkingDays*', 'note*']],
  REQUEST_SECOND_HANDLING: ['申请二次办理 Second handling', ['note*']],
  REQUEST_EVALUATION: ['申请第三方评价 Evaluation', ['note*']],
  APPROVE_REQUEST: ['同意申请 Approve', ['note']],
  REJECT_REQUEST: ['驳回申请 Reject', ['note*']],
  ACCEPT_REPLY: ['审核通过 Accept reply', ['note']],
  SEND_BACK: ['退回重办 Send back', ['note*']],
  REPLY_TO_CITIZEN: ['回复市民 Reply to citizen', ['reply*', 'note']],
  RECORD_CALLBACK: ['回访 Callback', ['reached*', 'satisfaction', 'note']],
  CLOSE: ['办结 Close', ['note']]
};
const FIELD_LABELS = {
  note: '说明 Note', category: '类别 Category', priority: '优先级 Priority', reply: '答复内容 Reply',
  knowledgeArticleId: '知识库文章 Article id', departmentId: '经办部门 Department',
  extensionWorkingDays: '延期工作日 Working days', reached: '是否联系上 Reached', satisfaction: '满意度 Satisfaction'
};

const state = { me: null, view: 'mine', tickets: [], selected: null, departments: [], seat: null, contact: null, offer: null };
const $ = (id) => document.getElementById(id);

function csrfToken() {
  const m = document.cookie.match(/(?:^|; )XSRF-TOKEN=([^;]*)/);
  return m ? decodeURIComponent(m[1]) : '';
}

// A site switch shows as network errors or 502/503/504 for a few seconds while the front door moves to the new
// active site. Reads are retried with backoff; writes are not (not all of them are idempotent): they fail with a
// "switching sites" message and the form keeps what the agent typed.
const RETRY_DELAYS_MS = [250, 500, 1000, 2000];
const SWITCHING = '正在切换站点，请稍后重试（已填写的内容保留） Switching sites — retry in a moment; your input is kept.';
const switchingStatus = (status) => status === 502 || status === 503 || status === 504;
const sleep = (ms) => new Promise(resolve => setTimeout(resolve, ms));

// A refused write is a site switch when the front door had no site (502/504, or 503 without a problem) or the site
// said it is not (or no longer) the active one; any other 503 is reported as it is.
async function refusedBySwitch(res) {
  if (res.status !== 503) return switchingStatus(res.status);
  const problem = await res.clone().json().catch(() => null);
  return !problem || !problem.type || /\/site-(not-active|fenced)$/.test(problem.type);
}

async function api(method, path, body) {
  const headers = { 'Accept': 'application/json, application/problem+json' };
  if (body !== undefined) headers['Content-Type'] = 'application/json';
  if (method !== 'GET') headers['X-XSRF-TOKEN'] = csrfToken();
  let res;
  for (let attempt = 0; ; attempt++) {
    let failure = null;
    try {
      res = await fetch(path, { method, headers, body: body === undefined ? undefined : JSON.stringify(body), credentials: 'same-origin' });
    } catch (e) { failure = e; }
    if (method !== 'GET') {
      if (!failure && !(await refusedBySwitch(res))) break;
      throw new Error(SWITCHING);
    }
    if (!failure && !switchingStatus(res.status)) break;
    showBanner('连接中断，正在重连… Connection lost, reconnecting…');
    if (attempt === RETRY_DELAYS_MS.length) {
      if (failure) throw failure;
      break;
    }
    await sleep(RETRY_DELAYS_MS[attempt]);
  }
  hideBanner();
  if (res.status === 401) { location.href = '/login'; throw new Error('login required'); }
  if (res.status === 204) return null;
  const text = await res.text();
  const data = text ? JSON.parse(text) : null;
  if (!res.ok) {
    const err = new Error((data && (data.detail || data.title)) || ('HTTP ' + res.status));
    err.status = res.status; err.problem = data;
    throw err;
  }
  return data;
}

function showError(e) { const el = $('error'); el.textContent = e.message || String(e); el.classList.remove('hidden'); }
function clearError() { $('error').classList.add('hidden'); }
function showBanner(text) { const el = $('banner'); el.textContent = text; el.classList.remove('hidden'); }
function hideBanner() { $('banner').classList.add('hidden'); }
function el(tag, attrs, ...children) {
  const e = document.createElement(tag);
  Object.entries(attrs || {}).forEach(([k, v]) => { if (v !== undefined && v !== null) e.setAttribute(k, v); });
  children.flat().forEach(c => e.append(c instanceof Node ? c : document.createTextNode(c == null ? '' : String(c))));
  return e;
}
function fmtTime(iso) { return iso ? new Date(iso).toLocaleString('zh-CN', { hour12: false }) : ''; }
function countdown(t) {
  if (!t.dueAt || !t.slaStatus) return '';
  const s = Math.round((new Date(t.dueAt) - Date.now()) / 1000);
  const abs = Math.abs(s), h = Math.floor(abs / 3600), m = Math.floor((abs % 3600) / 60);
  return (s < 0 ? '超期 -' : '') + (h > 47 ? Math.floor(h / 24) + 'd ' + (h % 24) + 'h' : h + 'h ' + m + 'm');
}
function slaClass(t) {
  if (!t.dueAt || !t.slaStatus) return '';
  const s = (new Date(t.dueAt) - Date.now()) / 1000;
  if (s <= 0) return 'sla-OVERDUE';
  return t.slaStatus === 'NEAR_DUE' ? 'sla-NEAR_DUE' : 'sla-ON_TRACK';
}

// ---- views -------------------------------------------------------------------------------------
function showView(view) {
  state.view = view;
  document.querySelectorAll('#tabs .tab').forEach(b => b.classList.toggle('active', b.dataset.view === view));
  const listViews = ['mine', 'team', 'to-sign', 'review', 'overdue', 'supervised', 'department'];
  $('list-panel').classList.toggle('hidden', !listViews.includes(view));
  $('new-panel').classList.toggle('hidden', view !== 'new');
  $('knowledge-panel').classList.toggle('hidden', view !== 'knowledge');
  $('queue-panel').classList.toggle('hidden', view !== 'queue');
  $('ops-panel').classList.toggle('hidden', view !== 'ops');
  $('quality-panel').classList.toggle('hidden', view !== 'quality');
  $('roster-panel').classList.toggle('hidden', view !== 'roster');
  $('myqa-panel').classList.toggle('hidden', view !== 'my-qa');
  $('drills-panel').classList.toggle('hidden', view !== 'drills');
  if (['ops', 'quality', 'roster', 'my-qa', 'drills'].includes(view)) $('detail-panel').classList.add('hidden');
  if (listViews.includes(view)) loadTickets();
  if (view === 'queue') loadQueue();
  if (view === 'ops') { loadKpis(); loadMass(); loadReports(); }
  if (view === 'quality') loadSample();
  if (view === 'roster') loadRoster();
  if (view === 'my-qa') loadMyQa();
  if (view === 'drills') loadDrills(0);
  if (view === 'knowledge') searchKnowledge();
}

async function loadTickets() {
  try {
    const q = $('search').value.trim();
    const view = state.view === 'department' ? 'team' : state.view;
    state.tickets = await api('GET', '/api/tickets?view=' + encodeURIComponent(view) + (q ? '&q=' + encodeURIComponent(q) : ''));
    renderTickets();
  } catch (e) { if (e.status) showError(e); }
}

function renderTickets() {
  const body = $('tickets').querySelector('tbody');
  body.replaceChildren(...state.tickets.map(t => {
    const row = el('tr', { 'data-id': t.id, class: state.selected && state.selected.id === t.id ? 'selected' : '' },
      el('td', {}, t.number, t.supervised ? el('span', { class: 'flag', title: '督办 supervised' }, ' ★') : ''),
      el('td', {}, t.title),
      el('td', {}, STATES[t.state] || t.state),
      el('td', {}, t.departmentId || ''),
      el('td', { class: slaClass(t), 'data-due': t.dueAt || '' }, countdown(t)));
    row.addEventListener('click', () => openTicket(t.id));
    return row;
  }));
  $('list-empty').classList.toggle('hidden', state.tickets.length > 0);
}

async function openTicket(id) {
  try {
    clearError();
    state.selected = await api('GET', '/api/tickets/' + id);
    renderDetail();
    renderTickets();
  } catch (e) { showError(e); }
}

function renderDetail() {
  const t = state.selected;
  $('detail-panel').classList.remove('hidden');
  $('d-title').textContent = t.number + ' · ' + t.title;
  const fields = [
    ['状态 State', (STATES[t.state] || '') + ' ' + t.state], ['渠道 Channel', t.channel],
    ['类别 Category', CATEGORIES[t.category] || t.category || ''], ['优先级 Priority', t.priority],
    ['经办部门 Department', t.departmentId || ''], ['办理轮次 Round', t.handlingRound],
    ['时限 Due', t.dueAt ? fmtTime(t.dueAt) + ' (' + countdown(t) + ')' : ''],
    ['超期 Breached', t.slaBreached ? '是 yes' : ''], ['催办次数 Urged', t.urgeCount || ''],
    ['督办 Supervised', t.supervised ? '是 yes' : ''], ['市民 Citizen', [t.citizenName, t.citizenPhone].filter(Boolean).join(' ')],
    ['地址 Address', [t.district, t.street, t.address].filter(Boolean).join(' ')], ['诉求 Description', t.description],
    ['12345 订单 Order', t.platformOrderId || ''],
    ['部门申请 Request', t.pendingRequest ? t.pendingRequest + ': ' + (t.pendingRequestReason || '') + (t.pendingExtensionDays ? ' (' + t.pendingExtensionDays + ' wd)' : '') : ''],
    ['部门答复 Dept reply', t.departmentReply || ''], ['回复市民 Citizen reply', t.citizenReply || ''],
    ['回访 Callback', t.callbackReached == null ? '' : (t.callbackReached ? (t.satisfaction || '') : '未联系上 not reached')],
    ['受理 Accepted', fmtTime(t.acceptedAt) + ' @ site ' + (t.createdSite || '')], ['版本 Version', t.version]
  ].filter(([, v]) => v !== '' && v !== null && v !== undefined);
  $('d-fields').replaceChildren(...fields.flatMap(([k, v]) => [el('dt', {}, k), el('dd', {}, v)]));
  $('d-actions').replaceChildren(...(t.allowedActions || []).map(a => {
    const b = el('button', { type: 'button', 'data-action': a, id: 'act-' + a.toLowerCase().replace(/_/g, '-') }, (ACTIONS[a] || [a])[0]);
    b.addEventListener('click', () => openActionForm(a));
    return b;
  }));
  $('action-form').classList.add('hidden');
  $('d-links').replaceChildren(...(t.links || []).map(l => {
    const li = el('li', {}, el('a', { href: '#' }, l.number), ' ' + l.title + ' · ' + (STATES[l.state] || l.state) + ' · ' + l.reason);
    li.querySelector('a').addEventListener('click', (ev) => { ev.preventDefault(); openTicket(l.id); });
    return li;
  }));
  $('d-history').querySelector('tbody').replaceChildren(...(t.history || []).map(h => el('tr', {},
    el('td', {}, h.seq), el('td', {}, fmtTime(h.at)), el('td', {}, h.action), el('td', {}, h.actor + ' (' + h.actorRole + ')'),
    el('td', {}, h.site), el('td', {}, (h.fromState || '') + ' → ' + h.toState), el('td', {}, [h.detail, h.note].filter(Boolean).join(' · ')))));
}

function fieldInput(name) {
  const required = name.endsWith('*');
  const key = required ? name.slice(0, -1) : name;
  let input;
  if (key === 'category') {
    input = el('select', { name: key }, Object.entries(CATEGORIES).map(([v, l]) => el('option', { value: v }, l)));
    if (state.selected && state.selected.category) input.value = state.selected.category;
  } else if (key === 'priority') {
    input = el('select', { name: key }, el('option', { value: '' }, '按类别 by category'), ['URGENT', 'HIGH', 'NORMAL', 'LOW'].map(p => el('option', { value: p }, p)));
  } else if (key === 'departmentId') {
    input = el('select', { name: key }, state.departments.map(d => el('option', { value: d.id }, d.name + ' (' + d.id + ')')));
  } else if (key === 'reached') {
    input = el('select', { name: key }, el('option', { value: 'true' }, '联系上 reached'), el('option', { value: 'false' }, '未联系上 not reached'));
  } else if (key === 'satisfaction') {
    input = el('select', { name: key }, el('option', { value: '' }, '—'), ['VERY_SATISFIED', 'SATISFIED', 'BASICALLY_SATISFIED', 'DISSATISFIED'].map(s => el('option', { value: s }, s)));
  } else if (key === 'extensionWorkingDays') {
    input = el('input', { name: key, type: 'number', min: '1', max: '30', value: '3' });
  } else if (key === 'reply' || key === 'note') {
    input = el('textarea', { name: key, rows: '3', maxlength: key === 'reply' ? '4000' : '2000' });
  } else {
    input = el('input', { name: key, maxlength: '64' });
  }
  if (required) input.setAttribute('required', '');
  input.id = 'af-' + key;
  return el('label', {}, FIELD_LABELS[key] + (required ? ' *' : ''), input);
}

function openActionForm(action) {
  const [label, fields] = ACTIONS[action] || [action, ['note']];
  const form = $('action-form');
  const submit = el('button', { type: 'submit', class: 'primary', id: 'af-submit' }, '确认 ' + label);
  const cancel = el('button', { type: 'button' }, '取消 Cancel');
  form.replaceChildren(el('b', {}, label), ...fields.map(fieldInput), submit, ' ', cancel);
  form.classList.remove('hidden');
  cancel.addEventListener('click', () => form.classList.add('hidden'));
  form.onsubmit = async (ev) => {
    ev.preventDefault();
    const body = { version: state.selected.version };
    new FormData(form).forEach((v, k) => {
      if (v === '') return;
      if (k === 'reached') body[k] = v === 'true';
      else if (k === 'extensionWorkingDays') body[k] = Number(v);
      else body[k] = v;
    });
    try {
      clearError();
      state.selected = await api('POST', '/api/tickets/' + state.selected.id + '/actions/' + action.toLowerCase().replace(/_/g, '-'), body);
      renderDetail();
      loadTickets();
    } catch (e) {
      showError(e);
      if (e.status === 409) openTicket(state.selected.id);
    }
  };
}

// ---- new ticket, knowledge, queue --------------------------------------------------------------
async function createTicket(ev) {
  ev.preventDefault();
  const v = (id) => $(id).value.trim() || undefined;
  const body = { channel: $('nt-channel').value, category: v('nt-category'), title: v('nt-title'), description: v('nt-description'),
    citizenName: v('nt-name'), citizenPhone: v('nt-phone'), district: v('nt-district'), street: v('nt-street'),
    address: v('nt-address'), contactId: v('nt-contact') };
  try {
    clearError();
    const t = await api('POST', '/api/tickets', body);
    $('new-ticket').reset();
    $('nt-contact').value = '';
    showView('mine');
    state.selected = t;
    openTicket(t.id);
  } catch (e) { showError(e); }
}

async function searchKnowledge() {
  try {
    const q = $('kb-query').value.trim();
    const list = await api('GET', '/api/knowledge' + (q ? '?q=' + encodeURIComponent(q) : ''));
    $('kb-results').replaceChildren(...list.map(a => {
      const li = el('li', {}, el('b', {}, a.title), ' ', el('span', { class: 'muted' }, CATEGORIES[a.category] || ''), el('div', {}, a.body));
      if (state.selected && (state.selected.allowedActions || []).includes('ANSWER_DIRECTLY')) {
        const use = el('button', { type: 'button' }, '用于直接解答 Answer ' + state.selected.number);
        use.addEventListener('click', () => {
          openActionForm('ANSWER_DIRECTLY');
          $('af-reply').value = a.body;
          $('af-knowledgeArticleId').value = a.id;
        });
        li.append(use);
      }
      return li;
    }));
  } catch (e) { showError(e); }
}

async function loadQueue() {
  try {
    const q = await api('GET', '/api/queue');
    $('queue-info').textContent = JSON.stringify(q, null, 2);
    const seats = await api('GET', '/api/seats');
    $('seats').querySelector('tbody').replaceChildren(...(seats || []).map(s =>
      el('tr', {}, el('td', {}, s.username), el('td', {}, s.state), el('td', {}, fmtTime(s.since)))));
  } catch (e) { showError(e); }
}

// ---- KPIs, reports, mass complaints (lead) -----------------------------------------------------
const KPI_NAMES = { ANSWER_RATE: '接通率 Answer rate', ON_TIME_COMPLETION: '按时办结率 On-time completion',
  REPLY_CALLBACK_RATE: '回复回访率 Reply/callback', SATISFACTION: '工作满意度 Satisfaction',
  QA_SCORE: '抽查质量得分率 QA score', STAFF_ATTRITION: '人员流失率 Staff attrition' };
const today = () => new Date().toISOString().slice(0, 10);
function pct(v) { return v == null ? '—' : Number(v).toFixed(2) + '%'; }

async function loadKpis() {
  try {
    if (!$('kpi-date').value) $('kpi-date').value = today();
    const period = $('kpi-period').value, date = $('kpi-date').value, scope = $('kpi-scope').value;
    const r = await api('GET', '/api/kpis?period=' + period + '&date=' + date + '&scope=' + scope);
    const kpis = Object.keys(KPI_NAMES).filter(k => r.rows.some(row => row.values.some(v => v.kpi === k)));
    $('kpi-table').querySelector('thead').replaceChildren(el('tr', {}, el('th', {}, r.period + (scope === 'OVERALL' ? '' : ' ' + scope)),
      kpis.map(k => el('th', {}, KPI_NAMES[k]))));
    $('kpi-table').querySelector('tbody').replaceChildren(...r.rows.map(row => el('tr', {},
      el('td', {}, row.key === '*' ? '全热线 Hotline' : (row.key || '(热线直接办理 hotline)')),
      kpis.map(k => {
        const v = row.values.find(x => x.kpi === k);
        if (!v) return el('td', {}, '');
        const td = el('td', { class: v.met === true ? 'met-yes' : v.met === false ? 'met-no' : '',
          title: v.numerator + ' / ' + v.denominator + ', 目标 target ' + v.target + '%' }, pct(v.percent));
        if (v.met === false) {
          const a = el('a', { href: '#' }, ' 明细 misses');
          a.addEventListener('click', (ev) => { ev.preventDefault(); loadMisses(k, period, date, scope, row.key); });
          td.append(a);
        }
        return td;
      }))));
  } catch (e) { showError(e); }
}

async function loadMisses(kpi, period, date, scope, key) {
  try {
    let q = '/api/kpis/misses?kpi=' + kpi + '&period=' + period + '&date=' + date;
    if (scope === 'DEPARTMENT' && key) q += '&department=' + encodeURIComponent(key);
    if (scope === 'AGENT' && key) q += '&agent=' + encodeURIComponent(key);
    const r = await api('GET', q);
    $('kpi-misses').classList.remove('hidden');
    $('kpi-misses-title').textContent = KPI_NAMES[kpi] + ' · ' + r.period + ' · ' + r.count;
    $('kpi-misses-list').replaceChildren(...r.items.map(i => {
      const li = el('li', {}, i.number ? el('a', { href: '#' }, i.number) : i.id, ' ', i.departmentId || '', ' ', i.agent || '', ' · ', i.reason);
      if (i.number) li.querySelector('a').addEventListener('click', (ev) => { ev.preventDefault(); showView('team'); openTicket(i.id); });
      return li;
    }));
  } catch (e) { showError(e); }
}

async function loadMass() {
  try {
    const list = await api('GET', '/api/mass-complaints?open=true');
    $('mass-badge').textContent = list.length ? ' ⚠' + list.length : '';
    $('mass-table').querySelector('tbody').replaceChildren(...list.map(m => {
      const ack = el('button', { type: 'button' }, '确认 Acknowledge');
      ack.addEventListener('click', async () => { try { await api('POST', '/api/mass-complaints/' + m.id + '/acknowledge'); loadMass(); } catch (e) { showError(e); } });
      return el('tr', {}, el('td', {}, m.district), el('td', {}, m.street), el('td', {}, CATEGORIES[m.category] || m.category),
        el('td', { title: m.ticketNumbers }, m.ticketCount), el('td', {}, fmtTime(m.firstAt) + ' – ' + fmtTime(m.lastAt)), el('td', {}, ack));
    }));
  } catch (e) { if (e.status !== 403) showError(e); }
}

async function loadReports() {
  try {
    const list = await api('GET', '/api/reports?limit=50');
    $('rep-table').querySelector('tbody').replaceChildren(...list.map(r => {
      const view = el('a', { href: '#' }, r.title);
      view.addEventListener('click', (ev) => { ev.preventDefault(); showReport(r.id); });
      return el('tr', {}, el('td', {}, view), el('td', {}, fmtTime(r.generatedAt)), el('td', {}, r.trigger),
        el('td', {}, el('a', { href: '/api/reports/' + r.id + '/export?format=xlsx' }, 'XLSX'), ' ',
          el('a', { href: '/api/reports/' + r.id + '/export?format=pdf' }, 'PDF')));
    }));
  } catch (e) { showError(e); }
}

async function showReport(id) {
  try {
    const r = await api('GET', '/api/reports/' + id);
    $('rep-view').replaceChildren(el('h3', {}, r.title), ...r.document.sections.map(s => el('div', { class: 'report-section' },
      el('b', {}, s.heading),
      el('table', {}, el('thead', {}, el('tr', {}, s.columns.map(c => el('th', {}, c.title)))),
        el('tbody', {}, s.rows.map(row => el('tr', {}, row.map(c => el('td', {}, c)))))))));
  } catch (e) { showError(e); }
}

async function generateReport() {
  const kind = $('rep-kind').value;
  const body = { kind };
  if (kind === 'WATERLOGGING' || kind === 'MASS_COMPLAINTS') {
    if (!$('rep-from').value || !$('rep-to').value) { showError(new Error('专报需要起止时间 a special report needs from and to')); return; }
    body.from = new Date($('rep-from').value).toISOString(); body.to = new Date($('rep-to').value).toISOString();
  } else {
    body.date = $('rep-date').value || today();
  }
  try { clearError(); const r = await api('POST', '/api/reports', body); loadReports(); showReport(r.id); } catch (e) { showError(e); }
}

// ---- quality inspection --------------------------------------------------------------------------
const thisMonth = () => new Date().toISOString().slice(0, 7);
let qaForm = null;

async function loadSample() {
  if (!$('qa-month').value) $('qa-month').value = thisMonth();
  const month = $('qa-month').value;
  try {
    qaForm = qaForm || await api('GET', '/api/quality/form');
    const results = await api('GET', '/api/quality/results?month=' + month);
    $('qa-results').querySelector('tbody').replaceChildren(...results.map(q => el('tr', {}, el('td', {}, q.agent), el('td', {}, q.sampled),
      el('td', {}, q.scored), el('td', {}, q.averageScore == null ? '—' : q.averageScore), el('td', {}, q.fatal), el('td', {}, q.acknowledged))));
    const s = await api('GET', '/api/quality/samples/' + month);
    $('qa-info').textContent = month + ' · seed ' + s.seed + ' · ' + s.randomPerAgent + ' random per agent · ' + s.createdBy;
    $('qa-table').querySelector('tbody').replaceChildren(...s.inspections.map(i => {
      const score = el('button', { type: 'button' }, '评分 Score');
      score.addEventListener('click', () => openScoreForm(i));
      return el('tr', {}, el('td', {}, i.ticketNumber), el('td', {}, i.agent), el('td', {}, i.reason),
        el('td', {}, i.recordingId ? el('a', { href: '/api/recordings/' + i.recordingId }, '播放 play') : ''),
        el('td', {}, i.status), el('td', {}, i.score == null ? '' : i.score + (i.fatal ? ' ✗' : '')), el('td', {}, score));
    }));
  } catch (e) {
    if (e.status === 404) { $('qa-info').textContent = '本月尚未抽样 no sample drawn for ' + month; $('qa-table').querySelector('tbody').replaceChildren(); }
    else showError(e);
  }
}

function openScoreForm(inspection) {
  const form = $('qa-form');
  const inputs = qaForm.items.map(item => item.fatal
    ? el('label', {}, el('input', { type: 'checkbox', name: 'fatal', value: item.code }), ' ' + item.title)
    : el('label', {}, item.title + ' (0–' + item.weight + ')', el('input', { type: 'number', name: item.code, min: '0', max: String(item.weight), value: String(item.weight) })));
  form.replaceChildren(el('b', {}, '评分 ' + inspection.ticketNumber + ' · ' + inspection.agent), ...inputs,
    el('label', {}, '评语 Comment', el('textarea', { name: 'comment', rows: '2', maxlength: '2000' })),
    el('button', { type: 'submit', class: 'primary' }, '提交 Submit'));
  form.classList.remove('hidden');
  form.onsubmit = async (ev) => {
    ev.preventDefault();
    const points = {}, fatalItems = [];
    qaForm.items.filter(i => !i.fatal).forEach(i => { points[i.code] = Number(form.elements[i.code].value); });
    form.querySelectorAll('input[name=fatal]:checked').forEach(c => fatalItems.push(c.value));
    try { clearError(); await api('POST', '/api/quality/inspections/' + inspection.id + '/score', { points, fatalItems, comment: form.elements.comment.value || undefined });
      form.classList.add('hidden'); loadSample(); } catch (e) { showError(e); }
  };
}

async function drawSample() {
  const body = { month: $('qa-month').value || thisMonth(), randomPerAgent: Number($('qa-per-agent').value || 2) };
  if ($('qa-seed').value) body.seed = Number($('qa-seed').value);
  try { clearError(); await api('POST', '/api/quality/samples', body); loadSample(); } catch (e) { showError(e); }
}

async function loadMyQa() {
  try {
    const list = await api('GET', '/api/quality/mine');
    $('myqa-table').querySelector('tbody').replaceChildren(...list.map(i => {
      const ack = i.status === 'SCORED' ? el('button', { type: 'button' }, '确认 Acknowledge') : '';
      if (ack) ack.addEventListener('click', async () => { try { await api('POST', '/api/quality/inspections/' + i.id + '/acknowledge'); loadMyQa(); } catch (e) { showError(e); } });
      return el('tr', {}, el('td', {}, i.month), el('td', {}, i.ticketNumber), el('td', {}, i.score + (i.fatal ? ' ✗ ' + (i.fatalItems || '') : '')),
        el('td', {}, i.comment || ''), el('td', {}, i.status), el('td', {}, ack));
    }));
  } catch (e) { showError(e); }
}

// ---- drill evidence (lead) -------------------------------------------------------------------------
// The recorded disaster-recovery drills, newest first, each linking to its HTML report (opens on its own,
// also offline once saved) and its JSON export; above them whether the evidence chain still verifies.
const DRILL_KINDS = { READINESS: '就绪检查 Readiness', SWITCHOVER: '切换 Switchover', FAILOVER: '故障转移 Failover', CHAOS: '混沌 Chaos' };
const DRILL_RESULTS = { PASSED: '通过 Passed', FAILED: '未通过 Failed', REFUSED: '未执行 Refused' };
const DRILL_PAGE = 20;
let drillPage = 0;

async function loadDrills(page) {
  try {
    clearError();
    const [list, chain] = await Promise.all([
      api('GET', '/api/ops/drills?page=' + page + '&size=' + DRILL_PAGE), api('GET', '/api/ops/drills/chain')]);
    drillPage = page;
    $('drill-chain').textContent = chain.intact
      ? '证据链完整 Evidence chain intact: ' + chain.records + ' record(s)' + (chain.headHash && chain.records ? ', head ' + chain.headHash.slice(0, 16) + '…' : '')
      : '⚠ 证据链断裂 Evidence chain BROKEN at record #' + chain.firstBreak.seq + ': ' + chain.firstBreak.problem;
    $('drill-chain').className = chain.intact ? 'muted' : 'flag';
    $('drill-table').querySelector('tbody').replaceChildren(...list.items.map(d => el('tr', { 'data-id': d.id },
      el('td', {}, d.seq),
      el('td', {}, fmtTime(d.finishedAt)),
      el('td', {}, DRILL_KINDS[d.kind] || d.kind),
      el('td', { class: d.result === 'PASSED' ? 'met-yes' : 'met-no', title: d.reason || '' }, DRILL_RESULTS[d.result] || d.result),
      el('td', {}, d.rtoSeconds == null ? '—' : d.rtoSeconds + ' s'),
      el('td', {}, d.rpoWrites == null ? '—' : String(d.rpoWrites)),
      el('td', {}, [...d.missedFigures, ...d.failedSteps].join(', ')),
      el('td', {}, d.startedBy + (d.trigger === 'SCHEDULE' ? ' (定时 scheduled)' : '')),
      el('td', {}, el('a', { href: d.report, target: '_blank', rel: 'noopener' }, '报告 Report'), ' ',
        el('a', { href: d.json, target: '_blank', rel: 'noopener' }, 'JSON')))));
    $('drill-empty').classList.toggle('hidden', list.items.length > 0);
    const pages = Math.max(1, Math.ceil(list.total / DRILL_PAGE));
    $('drill-page').textContent = ' ' + (page + 1) + ' / ' + pages + ' ';
    $('btn-drill-newer').disabled = page === 0;
    $('btn-drill-older').disabled = page + 1 >= pages;
  } catch (e) { showError(e); }
}

// ---- roster --------------------------------------------------------------------------------------
function monday(iso) { const d = new Date(iso + 'T00:00:00Z'); const dow = (d.getUTCDay() + 6) % 7; d.setUTCDate(d.getUTCDate() - dow); return d.toISOString().slice(0, 10); }
function plusDays(iso, n) { const d = new Date(iso + 'T00:00:00Z'); d.setUTCDate(d.getUTCDate() + n); return d.toISOString().slice(0, 10); }

async function loadRoster() {
  if (!$('ro-date').value) $('ro-date').value = today();
  const from = monday($('ro-date').value), to = plusDays(from, 7);
  try {
    const r = await api('GET', '/api/roster?from=' + from + '&to=' + to);
    $('ro-table').querySelector('tbody').replaceChildren(...r.days.map(d => el('tr', {},
      el('td', {}, d.day + (d.workingDay ? '' : ' 休息日 rest day')),
      el('td', {}, (d.floodLevel !== 'NONE' ? '防汛 ' + d.floodLevel + ' ' : '') + (d.heavyRainNight ? '暴雨夜 heavy rain ' : '') + (d.upliftPercent ? '+' + d.upliftPercent + '%' : '')),
      d.slots.map(s => {
        const input = el('input', { value: s.staff.join(', '), title: '最少 min ' + s.minimum.agents + (s.minimum.leadRequired ? ' + lead' : '') + ' · 预测需要 forecast ' + s.forecastAgents });
        input.addEventListener('change', async () => {
          try { clearError(); await api('PUT', '/api/roster/shifts/' + d.day + '/' + s.shift, { usernames: input.value.split(/[ ,，]+/).filter(Boolean) }); loadRoster(); } catch (e) { showError(e); }
        });
        return el('td', {}, input, el('small', { class: 'muted' }, ' ≥' + s.minimum.agents + (s.minimum.leadRequired ? '+L' : '') + ' / ~' + s.forecastAgents));
      }))));
    $('ro-violations').replaceChildren(...r.violations.map(v => el('li', { class: 'met-no' }, v.day + ' ' + v.shift + ': ' + v.message)));
    const day = $('ro-date').value;
    const plan = await api('GET', '/api/roster/backup-seats?date=' + day);
    $('ro-backup-day').textContent = day + ' · ' + plan.source;
    $('ro-backup').replaceChildren(...plan.assignments.map(a => el('li', {}, a.displayName + ' (' + a.username + ')' + (a.shift ? ' · ' + a.shift : ''))));
    const notes = await api('GET', '/api/roster/handovers?date=' + day);
    $('ro-notes').replaceChildren(...notes.map(n => el('li', {}, n.shift + ' · ' + n.author + ' · ' + fmtTime(n.createdAt) + ': ' + n.note)));
  } catch (e) { showError(e); }
}

async function addHandover() {
  const note = $('ro-note').value.trim();
  if (!note) return;
  try { clearError(); await api('POST', '/api/roster/handovers', { date: $('ro-date').value || today(), shift: $('ro-shift').value, note });
    $('ro-note').value = ''; loadRoster(); } catch (e) { showError(e); }
}

// ---- seat and contacts -------------------------------------------------------------------------
async function refreshSeat() {
  if (!state.me || !['AGENT', 'LEAD'].includes(state.me.role) || state.seatPolling) return;
  state.seatPolling = true;  // a poll retrying through a site switch must not pile up behind the 2-second timer
  try {
    state.seat = await api('GET', '/api/seats/me');
    $('seat-state').textContent = state.seat ? state.seat.state : 'OFFLINE';
    state.contact = await api('GET', '/api/contacts/current');
    renderContact();
    state.offer = await api('GET', '/api/contacts/offer');
    renderOffer();
  } catch (e) { /* the banner already says the connection is down; the next poll retries */ }
  finally { state.seatPolling = false; }
}

async function setSeat(target) {
  try { clearError(); await api('POST', '/api/seats/me/state', { state: target }); refreshSeat(); } catch (e) { showError(e); }
}

function renderOffer() {
  const o = state.offer;
  $('offer').classList.toggle('hidden', !o);
  if (o) $('offer-text').textContent = [o.channel, CATEGORIES[o.category] || '', o.subject || ''].filter(Boolean).join(' · ');
}

function renderContact() {
  const c = state.contact;
  $('contact').classList.toggle('hidden', !c);
  if (!c) return;
  $('contact-summary').textContent = [c.channel, c.state, c.ticketNumber || ''].filter(Boolean).join(' · ');
  $('contact-body').textContent = [c.subject, c.body].filter(Boolean).join(' — ');
}

async function acceptOffer() {
  if (!state.offer) return;
  try {
    clearError();
    const c = await api('POST', '/api/contacts/' + state.offer.id + '/accept');
    state.offer = null; renderOffer();
    state.contact = c; renderContact();
    // prefill a new ticket from the contact
    showView('new');
    $('nt-contact').value = c.id;
    $('nt-channel').value = c.ticketChannel || 'PHONE';
    if (c.category) $('nt-category').value = c.category;
    $('nt-title').value = c.subject || '';
    $('nt-description').value = c.body || '';
    $('nt-phone').value = c.callerNumber || '';
    $('nt-name').value = c.senderName || '';
  } catch (e) { showError(e); refreshSeat(); }
}

async function completeContact() {
  if (!state.contact) return;
  try { clearError(); await api('POST', '/api/contacts/' + state.contact.id + '/complete'); refreshSeat(); } catch (e) { showError(e); }
}

// ---- start -------------------------------------------------------------------------------------
// Which site serves this desk, and for the project lead whether the other site protects it (journal backup).
async function refreshSite() {
  let site;
  try { site = await api('GET', '/api/site'); } catch (e) { return; }
  if (state.site && (state.site.site !== site.site || state.site.epoch !== site.epoch) && site.role === 'ACTIVE') {
    state.switchPending = true;
  }
  state.firstSite = state.firstSite || site.site;
  state.site = site;
  if (state.switchPending) showSeatSwitch(site);
  $('site').textContent = 'site ' + site.site + ' · ' + site.role + ' · epoch ' + site.epoch + (site.fenced ? ' · FENCED' : '');
  let text = '';
  if (site.fenced) {
    text = '本站已隔离，暂停受理写入 Site ' + site.site + ' is fenced: changes are refused until ops lift the fence.';
  } else if (site.role !== 'ACTIVE') {
    text = '本站为备用站点（只读） Site ' + site.site + ' is the standby: read-only; the active site is ' + site.activeSite + '.';
  } else if (state.me && state.me.role === 'LEAD' && !site.protectedByPeer) {
    text = '⚠ 未受保护：备用站点不在线，已受理的数据暂无异地副本 Site ' + site.site
      + ' is UNPROTECTED: the backup site is not in the grid, acknowledged changes have no copy there yet.';
  }
  $('site-status').textContent = text;
  $('site-status').classList.toggle('hidden', !text);
}

// After a site switch: the agent's seat at the site now serving, from the seat switch that site made on its
// promotion. Until that switch is there the banner says seats are being assigned, and the next site poll asks again.
async function showSeatSwitch(site) {
  if (!state.me || !['AGENT', 'LEAD'].includes(state.me.role)) { state.switchPending = false; return; }
  let s = null;
  try { s = await api('GET', '/api/seats/switch'); } catch (e) { /* 404 before the first switch: asked again */ }
  const letter = site.site.toUpperCase(), backup = site.site !== state.firstSite;
  let text = (backup ? '现由备用站点 ' : '现由站点 ') + letter + ' 服务 Now served by ' + (backup ? 'backup site ' : 'site ') + letter + ' — ';
  if (!s || s.epoch < site.epoch) {
    text += '正在分配坐席… assigning seats…';
  } else {
    state.switchPending = false;
    const mine = s.seats.find(x => x.username === state.me.username);
    text += mine ? '您的坐席 your seat: ' + mine.seat : '暂无空闲备用坐席，已通知组长 no backup seat free — the lead has been told';
    if (state.me.role === 'LEAD' && s.withoutSeat.length) text += ' · 无坐席 without a seat: ' + s.withoutSeat.join(', ');
  }
  $('switch-text').textContent = text;
  $('switch-status').classList.remove('hidden');
}

async function start() {
  try {
    state.me = await api('GET', '/api/me');
  } catch (e) { return; }
  $('who').textContent = state.me.displayName + ' · ' + state.me.role;
  $('site').textContent = 'site ' + state.me.site;
  $('logout-csrf').value = csrfToken();
  const staff = ['AGENT', 'LEAD'].includes(state.me.role);
  document.querySelectorAll('.staff').forEach(e => e.classList.toggle('hidden', !staff));
  document.querySelectorAll('.lead').forEach(e => e.classList.toggle('hidden', state.me.role !== 'LEAD'));
  document.querySelectorAll('.agent-only').forEach(e => e.classList.toggle('hidden', state.me.role !== 'AGENT'));
  $('seat').classList.toggle('hidden', !staff);
  const categorySelect = $('nt-category');
  categorySelect.replaceChildren(el('option', { value: '' }, '—'), ...Object.entries(CATEGORIES).map(([v, l]) => el('option', { value: v }, l)));
  try { state.departments = await api('GET', '/api/departments'); } catch (e) { state.departments = []; }

  document.querySelectorAll('#tabs .tab').forEach(b => b.addEventListener('click', () => showView(b.dataset.view)));
  $('btn-refresh').addEventListener('click', loadTickets);
  $('search').addEventListener('keydown', (e) => { if (e.key === 'Enter') loadTickets(); });
  $('new-ticket').addEventListener('submit', createTicket);
  $('btn-kb-search').addEventListener('click', searchKnowledge);
  $('kb-query').addEventListener('keydown', (e) => { if (e.key === 'Enter') searchKnowledge(); });
  $('btn-ready').addEventListener('click', () => setSeat('READY'));
  $('btn-break').addEventListener('click', () => setSeat('BREAK'));
  $('btn-wrapup-done').addEventListener('click', () => setSeat('READY'));
  $('btn-accept').addEventListener('click', acceptOffer);
  $('btn-complete-contact').addEventListener('click', completeContact);
  $('btn-kpis').addEventListener('click', loadKpis);
  $('btn-mass-scan').addEventListener('click', async () => { try { await api('POST', '/api/mass-complaints/scan'); loadMass(); } catch (e) { showError(e); } });
  $('btn-rep-generate').addEventListener('click', generateReport);
  $('btn-qa-draw').addEventListener('click', drawSample);
  $('btn-qa-load').addEventListener('click', loadSample);
  $('btn-ro-load').addEventListener('click', loadRoster);
  $('btn-ro-note').addEventListener('click', addHandover);
  $('btn-switch-dismiss').addEventListener('click', () => $('switch-status').classList.add('hidden'));
  $('btn-drill-newer').addEventListener('click', () => loadDrills(Math.max(0, drillPage - 1)));
  $('btn-drill-older').addEventListener('click', () => loadDrills(drillPage + 1));
  if (state.me.role === 'LEAD') { loadMass(); setInterval(() => { if (!document.hidden) loadMass(); }, 60000); }
  document.addEventListener('visibilitychange', () => { if (!document.hidden) refreshSeat(); });

  showView(state.me.role === 'DEPARTMENT' ? 'department' : state.me.role === 'LEAD' ? 'review' : 'mine');
  refreshSeat();
  setInterval(refreshSeat, 2000);
  refreshSite();
  setInterval(() => { if (!document.hidden) refreshSite(); }, 5000);
  setInterval(() => { if (document.hidden) return; document.querySelectorAll('td[data-due]').forEach(td => {
    const t = state.tickets.find(x => x.dueAt === td.dataset.due); if (t) { td.textContent = countdown(t); td.className = slaClass(t); } }); }, 1000);
  setInterval(() => { if (!document.hidden && $('action-form').classList.contains('hidden')) loadTickets(); }, 15000);
}

document.addEventListener('DOMContentLoaded', start);
