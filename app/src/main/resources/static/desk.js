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

async function api(method, path, body) {
  const headers = { 'Accept': 'application/json, application/problem+json' };
  if (body !== undefined) headers['Content-Type'] = 'application/json';
  if (method !== 'GET') headers['X-XSRF-TOKEN'] = csrfToken();
  let res;
  try {
    res = await fetch(path, { method, headers, body: body === undefined ? undefined : JSON.stringify(body), credentials: 'same-origin' });
  } catch (e) {
    showBanner('连接中断，正在重连… Connection lost, reconnecting…');
    throw e;
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
  if (listViews.includes(view)) loadTickets();
  if (view === 'queue') loadQueue();
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

// ---- seat and contacts -------------------------------------------------------------------------
async function refreshSeat() {
  if (!state.me || !['AGENT', 'LEAD'].includes(state.me.role)) return;
  try {
    state.seat = await api('GET', '/api/seats/me');
    $('seat-state').textContent = state.seat ? state.seat.state : 'OFFLINE';
    state.contact = await api('GET', '/api/contacts/current');
    renderContact();
    state.offer = await api('GET', '/api/contacts/offer');
    renderOffer();
  } catch (e) { /* the banner already says the connection is down; the next poll retries */ }
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
  state.site = site;
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
