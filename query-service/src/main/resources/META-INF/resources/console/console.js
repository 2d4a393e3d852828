// OpenJIMS admin console: plain JavaScript, no framework, no inline script (the page's CSP allows only this file).
// The token lives in sessionStorage (this tab only, gone when it closes); every call goes to this origin: query-service
// itself, or its proxy /console/api/collector|push/ to the other services' admin APIs.
'use strict';

const TOKEN_KEY = 'openjims.console.token';
const SERVICES = { query: '', collector: '/console/api/collector', push: '/console/api/push' };

// ---- small helpers --------------------------------------------------------------------------------------------

function h(tag, attrs, ...children) {
  const el = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs || {})) {
    if (v === null || v === undefined || v === false) continue;
    if (k.startsWith('on')) el.addEventListener(k.substring(2), v);
    else if (k === 'text') el.textContent = v;
    else if (v === true) el.setAttribute(k, '');
    else el.setAttribute(k, v);
  }
  for (const child of children.flat()) {
    if (child === null || child === undefined || child === false) continue;
    el.append(child instanceof Node ? child : document.createTextNode(String(child)));
  }
  return el;
}

function field(label, attrs) {
  const id = attrs.id || ('f-' + label.toLowerCase().replace(/[^a-z0-9]+/g, '-'));
  return h('div', {}, h('label', { for: id, text: label }), h('input', Object.assign({ id, name: id }, attrs)));
}

function table(columns, rows, rowAttrs) {
  return h('table', {},
    h('thead', {}, h('tr', {}, columns.map(c => h('th', { text: c.label })))),
    h('tbody', {}, rows.length === 0
      ? h('tr', {}, h('td', { colspan: String(columns.length), class: 'muted', text: 'None.' }))
      : rows.map(r => h('tr', rowAttrs ? rowAttrs(r) : {}, columns.map(c => h('td', {}, c.value(r)))))));
}

function time(value) {
  return value ? new Date(value).toISOString().replace('T', ' ').replace(/\.\d+Z$/, 'Z') : '–';
}

function token() { return sessionStorage.getItem(TOKEN_KEY); }

class ApiError extends Error {
  constructor(status, body) {
    super((body && (body.message || body.error_description || body.error)) || ('HTTP ' + status));
    this.status = status;
    this.body = body || {};
  }
}

async function api(service, method, path, body) {
  const headers = { Accept: 'application/json' };
  if (token()) headers.Authorization = 'Bearer ' + token();
  if (body !== undefined) headers['Content-Type'] = 'application/json';
  const response = await fetch(SERVICES[service] + path, {
    method, headers, body: body === undefined ? undefined : JSON.stringify(body), credentials: 'omit',
  });
  const text = await response.text();
  let json = null;
  try { json = text ? JSON.parse(text) : null; } catch (e) { json = { message: text }; }
  if (response.status === 401 && path !== '/api/oauth_token/oauth') {
    signOut('Your session ended (' + ((json && json.message) || 'token refused') + '): sign in again.');
  }
  if (!response.ok) throw new ApiError(response.status, json);
  return json;
}

function message(target, error) {
  target.replaceChildren(h('p', { class: 'error', role: 'alert', text: error.message || String(error) }));
}

function pageTitle(text) { return h('h1', { text }); }

async function copy(text, button) {
  try {
    await navigator.clipboard.writeText(text);
    button.textContent = 'Copied';
  } catch (e) {
    button.textContent = 'Select and copy by hand';
  }
}

function secretBox(label, value) {
  const copyButton = h('button', { type: 'button', class: 'secondary', 'data-secret': value,
    onclick: () => copy(value, copyButton) }, 'Copy');
  return h('div', { class: 'card' },
    h('p', {}, h('strong', { text: label }), ' (shown once: copy it now)'),
    h('div', { class: 'secret', 'data-testid': 'secret' }, value), copyButton);
}

// ---- sign in / out and routing --------------------------------------------------------------------------------

async function signIn(event) {
  event.preventDefault();
  const errorBox = document.getElementById('sign-in-error');
  errorBox.hidden = true;
  const form = new URLSearchParams({
    grant_type: 'client_credentials',
    client_id: document.getElementById('client-id').value,
    client_secret: document.getElementById('client-secret').value,
  });
  try {
    const response = await fetch('/api/oauth_token/oauth', {
      method: 'POST', body: form, credentials: 'omit',
      headers: { 'Content-Type': 'application/x-www-form-urlencoded', Accept: 'application/json' },
    });
    const body = await response.json().catch(() => ({}));
    if (!response.ok) throw new ApiError(response.status, body);
    sessionStorage.setItem(TOKEN_KEY, body.access_token);
    document.getElementById('client-secret').value = '';
    if (!location.hash || location.hash === '#/') location.hash = '#/dashboard';
    route();
  } catch (e) {
    errorBox.textContent = e.message;
    errorBox.hidden = false;
  }
}

function signOut(reason) {
  sessionStorage.removeItem(TOKEN_KEY);
  route();
  if (reason) {
    const errorBox = document.getElementById('sign-in-error');
    errorBox.textContent = reason;
    errorBox.hidden = false;
  }
}

const PAGES = {
  dashboard: dashboardPage,
  sessions: sessionsPage,
  directories: directoriesPage,
  'syslog-rules': syslogRulesPage,
  'ingest-clients': ingestClientsPage,
  'srx-clients': srxClientsPage,
  tenants: tenantsPage,
  collectors: collectorsPage,
  configuration: configurationPage,
};

function route() {
  const signedIn = !!token();
  document.getElementById('sign-in').hidden = signedIn;
  document.getElementById('nav').hidden = !signedIn;
  const page = document.getElementById('page');
  page.hidden = !signedIn;
  if (!signedIn) { page.replaceChildren(); return Promise.resolve(); }
  const name = (location.hash.replace(/^#\/?/, '') || 'dashboard').split('?')[0];
  const render = PAGES[name] || dashboardPage;
  for (const a of document.querySelectorAll('#nav a')) {
    a.classList.toggle('active', a.getAttribute('href') === '#/' + name);
  }
  page.replaceChildren(h('p', { class: 'muted', text: 'Loading…' }));
  page.dataset.page = name;
  return Promise.resolve(render(page)).catch(e => message(page, e));
}

// ---- Dashboard ------------------------------------------------------------------------------------------------

async function dashboardPage(page) {
  const [stats, collectors, tenants] = await Promise.all([
    api('query', 'GET', '/api/admin/stats'),
    api('query', 'GET', '/api/admin/collectors'),
    api('push', 'GET', '/api/admin/tenants').catch(e => e),
  ]);
  const widgets = ['Domains', 'Users', 'Devices', 'Groups', 'Sessions'].map(label =>
    h('div', { class: 'widget', 'data-widget': label.toLowerCase() },
      h('div', { class: 'muted', text: label }), h('div', { class: 'value', text: String(stats[label.toLowerCase()]) })));
  page.replaceChildren(pageTitle('Dashboard'), h('div', { class: 'widgets' }, widgets),
    h('h2', { text: 'Collectors' }), collectorsTable(collectors),
    h('h2', { text: 'Tenants: freshness and lag' }),
    tenants instanceof Error ? h('p', { class: 'error', text: tenants.message }) : table([
      { label: 'Tenant', value: t => t.name },
      { label: 'Status', value: t => t.status },
      { label: 'Last push', value: t => time(t.last_push_at) },
      { label: 'Lag', value: t => String(t.lag) },
    ], tenants),
    h('p', { class: 'muted', text: 'Updated ' + time(new Date().toISOString()) }));
}

function collectorsTable(collectors) {
  return table([
    { label: 'Collector identifier', value: c => c.id },
    { label: 'Version', value: c => c.version || '–' },
    { label: 'Current state', value: c => c.stale ? h('span', { class: 'stale', text: c.state + ' (stale)' }) : c.state },
    { label: 'Description', value: c => c.description || '' },
    { label: 'Last update', value: c => time(c.last_update) },
  ], collectors);
}

async function collectorsPage(page) {
  const collectors = await api('query', 'GET', '/api/admin/collectors');
  page.replaceChildren(pageTitle('Collectors'),
    h('p', { class: 'muted', text: 'Stale: no heartbeat for three of the collector\'s heartbeat intervals.' }),
    collectorsTable(collectors));
}

// ---- Sessions -------------------------------------------------------------------------------------------------

async function sessionsPage(page) {
  const results = h('div', {});
  const history = h('div', {});
  const search = async event => {
    if (event) event.preventDefault();
    const params = new URLSearchParams();
    for (const name of ['ip', 'user', 'domain']) {
      const v = document.getElementById('s-' + name).value.trim();
      if (v) params.set(name, v);
    }
    try {
      const found = await api('query', 'GET', '/api/admin/sessions?' + params);
      results.replaceChildren(h('p', { class: 'muted', text: found.total + ' active sessions' }), table([
        { label: 'IP', value: s => s.ip },
        { label: 'User', value: s => s.user },
        { label: 'Domain', value: s => s.domain },
        { label: 'Roles', value: s => (s.roles || []).join(', ') },
        { label: 'Source', value: s => s.source || '' },
        { label: 'Logon', value: s => time(s.logon_at) },
        { label: 'Expires', value: s => time(s.expires_at) },
        { label: '', value: s => h('button', { type: 'button', class: 'danger', onclick: async () => {
          try { await api('query', 'DELETE', '/api/admin/sessions/' + encodeURIComponent(s.ip)); await search(); }
          catch (e) { message(results, e); }
        } }, 'End session') },
      ], found.items));
    } catch (e) { message(results, e); }
  };
  const lookup = async event => {
    event.preventDefault();
    const ip = document.getElementById('h-ip').value.trim();
    const at = document.getElementById('h-at').value.trim();
    try {
      const params = new URLSearchParams({ ip });
      params.set('at', at ? new Date(at).toISOString() : new Date().toISOString());
      const a = await api('query', 'GET', '/api/admin/history?' + params);
      history.replaceChildren(h('p', { 'data-testid': 'history', text: a.held
        ? a.ip + ' was held by ' + a.domain + '\\' + a.user + ' at ' + time(a.at) + ' (since ' + time(a.since) + ')'
        : 'Nobody held ' + a.ip + ' at ' + time(a.at) + '.' }));
    } catch (e) { message(history, e); }
  };
  page.replaceChildren(pageTitle('Sessions'),
    h('form', { class: 'card', onsubmit: search },
      h('div', { class: 'row' }, field('IP address or prefix', { id: 's-ip' }), field('User', { id: 's-user' }),
        field('Domain', { id: 's-domain' })), h('button', { type: 'submit' }, 'Search')),
    results,
    h('h2', { text: 'Who had an address at a time' }),
    h('form', { class: 'card', onsubmit: lookup },
      h('div', { class: 'row' }, field('IP address', { id: 'h-ip', required: true }),
        field('At (e.g. 2026-12-07T09:14:00Z)', { id: 'h-at' })), h('button', { type: 'submit' }, 'Look up')),
    history);
  await search();
}

// ---- Directories ----------------------------------------------------------------------------------------------

function selectField(label, id, options, value) {
  return h('div', {}, h('label', { for: id, text: label }), h('select', { id, name: id },
    options.map(([v, text]) => h('option', { value: v, selected: v === value }, text))));
}

function textareaField(label, id, value, attrs) {
  const area = h('textarea', Object.assign({ id, name: id }, attrs || {}));
  area.value = value || '';
  return h('div', {}, h('label', { for: id, text: label }), area);
}

function checkField(label, id, checked) {
  return h('label', { class: 'inline', for: id }, h('input', { type: 'checkbox', id, name: id, checked: !!checked }), label);
}

// Loads the current page again and shows a notice under its title.
async function reloadWithNotice(text) {
  await route();
  const p = document.getElementById('page');
  p.insertBefore(h('p', { class: 'ok', role: 'status', text }), p.children[1] || null);
}

// A form's submit handler for a collector collection: POST a new item, or PUT the one with this id.
function saver(path, id, body, label, errorBox) {
  return async event => {
    event.preventDefault();
    try {
      const b = body();
      if (id) await api('collector', 'PUT', path + '/' + id, b);
      else await api('collector', 'POST', path, b);
      await reloadWithNotice(label + ' ' + b.name + ' saved.');
    } catch (e) { message(errorBox, e); }
  };
}

function words(text) { return text.split(/[\s,]+/).filter(Boolean); }

function blankToNull(text) { return text && text.trim() ? text.trim() : null; }

async function directoriesPage(page) {
  const directories = await api('collector', 'GET', '/api/admin/directories');
  const details = await Promise.all(directories.map(d => api('collector', 'GET', '/api/admin/directories/' + d.id).catch(() => d)));
  const out = h('div', {});
  const formBox = h('div', {});
  page.replaceChildren(pageTitle('Directories'), table([
    { label: 'Name', value: d => d.name },
    { label: 'Domain', value: d => d.domain },
    { label: 'URL', value: d => d.url },
    { label: 'Last successful sync', value: d => time(d.status && d.status.last_successful_sync) },
    { label: 'Last error', value: d => (d.status && d.status.last_error) || '–' },
    { label: 'Users / groups / devices', value: d => d.status
      ? d.status.users + ' / ' + d.status.groups + ' / ' + d.status.devices : '–' },
    { label: '', value: d => [
      h('button', { type: 'button', class: 'secondary', onclick: () => {
        formBox.replaceChildren(directoryForm(d, out));
        formBox.scrollIntoView();
      } }, 'Edit'),
      h('button', { type: 'button', onclick: async () => {
        try { await api('collector', 'POST', '/api/admin/directories/' + d.id + '/sync?full=true');
          out.replaceChildren(h('p', { class: 'ok', text: 'Sync of ' + d.name + ' requested.' })); }
        catch (e) { message(out, e); }
      } }, 'Sync now'),
      h('button', { type: 'button', class: 'danger', onclick: async () => {
        try { await api('collector', 'DELETE', '/api/admin/directories/' + d.id); route(); } catch (e) { message(out, e); }
      } }, 'Delete')] },
  ], details), out, formBox);
  formBox.replaceChildren(directoryForm(null, out));
}

// The add / edit form; editing keeps the fields the form does not show (full sync interval, exclusions, mapping).
function directoryForm(d, out) {
  const editing = d !== null;
  const result = h('div', { 'aria-live': 'polite' });
  const v = id => document.getElementById(id).value;
  const body = () => {
    const b = Object.assign({}, editing ? {
      full_sync_interval_seconds: d.full_sync_interval_seconds, exclude_dn_patterns: d.exclude_dn_patterns,
      ldap_mapping: d.ldap_mapping } : {}, {
      name: v('d-name').trim(), kind: v('d-kind'), url: v('d-url').trim(),
      start_tls: document.getElementById('d-start-tls').checked, bind_dn: v('d-bind-dn').trim(),
      base_dn: v('d-base-dn').trim(), domain: v('d-domain').trim(), netbios_name: blankToNull(v('d-netbios')),
      upn_suffixes: words(v('d-upn')), ca_pem: blankToNull(v('d-ca-pem')),
    });
    if (v('d-poll')) b.poll_interval_seconds = Number(v('d-poll'));
    // Editing: an empty password keeps the stored one (PUT and the stored directory's test).
    if (v('d-bind-password')) b.bind_password = v('d-bind-password');
    return b;
  };
  const testConnection = async () => {
    result.replaceChildren(h('p', { class: 'muted', text: 'Testing…' }));
    try {
      const r = editing
        ? await api('collector', 'POST', '/api/admin/directories/' + d.id + '/test', body())
        : await api('collector', 'POST', '/api/admin/directories/test', body());
      result.replaceChildren(h('p', { class: r.ok ? 'ok' : 'error', role: 'status', 'data-testid': 'test-result',
        text: r.ok ? 'Connection OK: ' + r.message + ' (' + r.duration_ms + ' ms).'
          : 'Connection failed (' + r.error + '): ' + r.message }));
    } catch (e) { message(result, e); }
  };
  const save = saver('/api/admin/directories', editing ? d.id : null, body, 'Directory', result);
  const x = d || {};
  return h('div', {},
    h('h2', { text: editing ? 'Edit directory ' + d.name : 'Add a directory' }),
    h('form', { class: 'card', onsubmit: save, 'data-testid': 'directory-form' },
      h('div', { class: 'row' }, field('Name', { id: 'd-name', required: true, value: x.name }),
        selectField('Kind', 'd-kind', [['active-directory', 'Active Directory'], ['ldap', 'LDAP']], x.kind),
        field('URL', { id: 'd-url', placeholder: 'ldaps://dc1.example.com:636', required: true, value: x.url })),
      checkField('StartTLS (ldap:// URLs)', 'd-start-tls', x.start_tls),
      h('div', { class: 'row' }, field('Bind DN', { id: 'd-bind-dn', required: true, value: x.bind_dn }),
        field(editing ? 'Bind password (empty: keep the stored one)' : 'Bind password',
          { id: 'd-bind-password', type: 'password', required: !editing, autocomplete: 'new-password' })),
      h('div', { class: 'row' }, field('Base DN', { id: 'd-base-dn', required: true, value: x.base_dn }),
        field('DNS domain', { id: 'd-domain', required: true, value: x.domain })),
      h('div', { class: 'row' }, field('NetBIOS name', { id: 'd-netbios', value: x.netbios_name }),
        field('UPN suffixes', { id: 'd-upn', value: (x.upn_suffixes || []).join(', ') }),
        field('Poll interval (seconds)', { id: 'd-poll', type: 'number', min: '10', max: '3600',
          value: x.poll_interval_seconds === undefined ? null : String(x.poll_interval_seconds) })),
      textareaField('CA certificate (PEM; empty: the system trust store)', 'd-ca-pem', x.ca_pem),
      h('button', { type: 'button', class: 'secondary', onclick: testConnection }, 'Test connection'),
      h('button', { type: 'submit' }, editing ? 'Save directory' : 'Add directory'),
      editing ? h('button', { type: 'button', class: 'secondary', onclick: () => route() }, 'Cancel') : null,
      result));
}

// ---- Syslog rules ---------------------------------------------------------------------------------------------

async function syslogRulesPage(page) {
  const rules = await api('collector', 'GET', '/api/admin/syslog-rules');
  const out = h('div', {});
  const tested = h('div', {});
  const formBox = h('div', {});
  const showOutcome = r => tested.replaceChildren(h('p', { 'data-testid': 'outcome' }, h('strong', { text: r.outcome }),
    r.rule ? ' by rule ' + r.rule : '', r.reason ? ' (' + r.reason + ')' : ''),
  r.event ? h('pre', { 'data-testid': 'event', text: JSON.stringify(r.event, null, 2) }) : '');
  const test = async (event, rule) => {
    if (event) event.preventDefault();
    try {
      const body = { line: document.getElementById('t-line').value };
      if (rule) body.rule = rule;
      showOutcome(await api('collector', 'POST', '/api/admin/syslog-rules/test', body));
    } catch (e) { message(tested, e); }
  };
  page.replaceChildren(pageTitle('Syslog rules'),
    h('h2', { text: 'Rule tester' }),
    h('form', { class: 'card', onsubmit: test },
      h('label', { for: 't-line', text: 'Syslog line' }), h('textarea', { id: 't-line', required: true }),
      h('button', { type: 'submit' }, 'Test')), tested,
    h('h2', { text: 'Rules' }), table([
      { label: 'Position', value: r => String(r.position) },
      { label: 'Name', value: r => r.name },
      { label: 'Operation', value: r => r.operation },
      { label: 'Enabled', value: r => r.enabled ? 'yes' : 'no' },
      { label: 'Pattern', value: r => h('code', { text: r.pattern }) },
      { label: '', value: r => [
        h('button', { type: 'button', class: 'secondary', onclick: () => {
          formBox.replaceChildren(ruleForm(r, test));
          formBox.scrollIntoView();
        } }, 'Edit'),
        h('button', { type: 'button', class: 'secondary', onclick: async () => {
          try {
            await api('collector', 'PUT', '/api/admin/syslog-rules/' + r.id, Object.assign({}, r, { enabled: !r.enabled }));
            route();
          } catch (e) { message(out, e); }
        } }, r.enabled ? 'Disable' : 'Enable'),
        h('button', { type: 'button', class: 'danger', onclick: async () => {
          try { await api('collector', 'DELETE', '/api/admin/syslog-rules/' + r.id); route(); } catch (e) { message(out, e); }
        } }, 'Delete')] },
    ], rules, r => ({ 'data-rule': r.name })), out, formBox);
  formBox.replaceChildren(ruleForm(null, test));
}

function ruleForm(r, test) {
  const editing = r !== null;
  const x = r || { operation: 'logon', condition_type: 'substring', enabled: true };
  const errors = h('div', {});
  const v = id => document.getElementById(id).value;
  const body = () => {
    const b = {
      name: v('r-name').trim(), operation: v('r-operation'), condition_type: v('r-condition-type'),
      condition: blankToNull(v('r-condition')), pattern: v('r-pattern'), exclude: blankToNull(v('r-exclude')),
      skip_users: blankToNull(v('r-skip-users')), enabled: document.getElementById('r-enabled').checked,
    };
    if (v('r-position')) b.position = Number(v('r-position'));
    return b;
  };
  const save = saver('/api/admin/syslog-rules', editing ? r.id : null, body, 'Rule', errors);
  return h('div', {},
    h('h2', { text: editing ? 'Edit rule ' + r.name : 'Add a rule' }),
    h('form', { class: 'card', onsubmit: save, 'data-testid': 'rule-form' },
      h('div', { class: 'row' }, field('Name', { id: 'r-name', required: true, value: x.name }),
        selectField('Operation', 'r-operation', [['logon', 'logon'], ['logoff', 'logoff']], x.operation),
        field('Position', { id: 'r-position', type: 'number', min: '0',
          value: x.position === undefined ? null : String(x.position) })),
      h('div', { class: 'row' },
        selectField('Condition type', 'r-condition-type', [['substring', 'substring'], ['regex', 'regex']], x.condition_type),
        field('Condition', { id: 'r-condition', value: x.condition })),
      field('Pattern (regex with groups user and ip)', { id: 'r-pattern', required: true, value: x.pattern }),
      h('div', { class: 'row' }, field('Exclude (regex)', { id: 'r-exclude', value: x.exclude }),
        field('Skip users (regex)', { id: 'r-skip-users', value: x.skip_users })),
      checkField('Enabled', 'r-enabled', x.enabled),
      h('div', {},
        h('button', { type: 'button', class: 'secondary', onclick: () => test(null, body()) }, 'Try the tester line with this rule'),
        h('button', { type: 'submit' }, editing ? 'Save rule' : 'Add rule'),
        editing ? h('button', { type: 'button', class: 'secondary', onclick: () => route() }, 'Cancel') : null),
      errors));
}

// ---- Ingest and SRX clients -----------------------------------------------------------------------------------

// Rotate (POST <client>/secret; the answer is shown once in `out`) and Delete of an ingest or SRX client.
function clientButtons(service, path, out, show) {
  return [
    h('button', { type: 'button', class: 'secondary', onclick: async () => {
      try { out.replaceChildren(show(await api(service, 'POST', path + '/secret'))); } catch (e) { message(out, e); }
    } }, 'Rotate'),
    h('button', { type: 'button', class: 'danger', onclick: async () => {
      try { await api(service, 'DELETE', path); route(); } catch (e) { message(out, e); }
    } }, 'Delete')];
}

async function ingestClientsPage(page) {
  const clients = await api('collector', 'GET', '/api/admin/ingest-clients');
  const out = h('div', {});
  const shown = (label, c) => h('div', {}, h('p', { text: label + ' ' + c.client_id + '.' }),
    h('p', {}, 'Client ID: ', h('code', { 'data-testid': 'new-client-id', text: c.client_id })),
    secretBox('Client secret (HTTP Basic, SRX Web API)', c.client_secret),
    secretBox('API key (PAN-OS User-ID)', c.api_key));
  const create = async event => {
    event.preventDefault();
    try {
      const c = await api('collector', 'POST', '/api/admin/ingest-clients', { name: document.getElementById('i-name').value.trim() });
      await ingestClientsPage(page);
      page.insertBefore(shown('Created client', c), page.children[1]);
    } catch (e) { message(out, e); }
  };
  page.replaceChildren(pageTitle('Ingest clients'), table([
    { label: 'Client ID', value: c => c.client_id },
    { label: 'Name', value: c => c.name },
    { label: 'API key prefix', value: c => c.api_key_prefix },
    { label: 'Created', value: c => time(c.created_at) },
    { label: 'Last seen', value: c => time(c.last_seen_at) },
    { label: '', value: c => clientButtons('collector', '/api/admin/ingest-clients/' + c.client_id, out,
      r => shown('New secret and API key for client', r)) },
  ], clients, c => ({ 'data-client': c.client_id })), out,
  h('h2', { text: 'Create an ingest client' }),
  h('form', { class: 'card', onsubmit: create }, field('Name', { id: 'i-name', required: true }),
    h('button', { type: 'submit' }, 'Create')));
}

async function srxClientsPage(page) {
  const clients = await api('query', 'GET', '/api/admin/clients');
  const out = h('div', {});
  const shown = (label, c) => h('div', {}, h('p', { text: label + ' ' + c.client_id + '.' }),
    h('p', {}, 'Client ID: ', h('code', { 'data-testid': 'new-client-id', text: c.client_id })),
    secretBox('Client secret', c.client_secret));
  const create = async event => {
    event.preventDefault();
    const roles = [...document.querySelectorAll('input[name=role]:checked')].map(i => i.value);
    try {
      const c = await api('query', 'POST', '/api/admin/clients', { name: document.getElementById('c-name').value.trim(), roles });
      await srxClientsPage(page);
      page.insertBefore(shown('Created client', c), page.children[1]);
    } catch (e) { message(out, e); }
  };
  page.replaceChildren(pageTitle('SRX clients'), table([
    { label: 'Client ID', value: c => c.client_id },
    { label: 'Name', value: c => c.name },
    { label: 'Roles', value: c => c.roles.join(', ') },
    { label: 'Domains', value: c => (c.domains || []).join(', ') || 'all' },
    { label: 'Secret changed', value: c => time(c.secret_changed_at) },
    { label: 'Last seen', value: c => time(c.last_seen_at) },
    { label: '', value: c => clientButtons('query', '/api/admin/clients/' + c.client_id, out,
      r => shown('New secret for client', r)) },
  ], clients), out,
  h('h2', { text: 'Create a client' }),
  h('form', { class: 'card', onsubmit: create }, field('Name', { id: 'c-name', required: true }),
    h('div', {}, ['srx', 'ingest', 'admin'].map(role => h('label', { class: 'inline' },
      h('input', { type: 'checkbox', name: 'role', value: role, checked: role === 'srx' }), role))),
    h('button', { type: 'submit' }, 'Create')));
}

// ---- Tenants (the JIMS-to-CSO panel) --------------------------------------------------------------------------

function passwordField(label, id) {
  const input = h('input', { id, name: id, type: 'password', autocomplete: 'new-password', required: true });
  const toggle = h('input', { type: 'checkbox', id: id + '-show', onchange: () => { input.type = toggle.checked ? 'text' : 'password'; } });
  return h('div', {}, h('label', { for: id, text: label }), input,
    h('label', { class: 'inline', for: id + '-show' }, toggle, 'Show Password'));
}

function policyNote() {
  return h('ul', { class: 'policy', 'data-testid': 'policy' },
    h('li', { text: 'The password must contain a number, an upper-case letter, and a special character (8 characters or more).' }));
}

function changePasswordDialog(tenant, done) {
  const errors = h('div', {});
  const dialog = h('dialog', { 'aria-label': 'Change Password' });
  const submit = async event => {
    event.preventDefault();
    const password = document.getElementById('new-password').value;
    const confirm = document.getElementById('confirm-password').value;
    const username = document.getElementById('new-username').value.trim();
    // The server checks the policy and the confirmation; its message is shown as it is.
    const body = { password, confirm };
    if (username && username !== tenant.username) body.username = username;
    try {
      await api('push', 'PUT', '/api/admin/tenants/' + tenant.id + '/password', body);
      dialog.close();
      dialog.remove();
      done('Password of ' + tenant.name + ' changed.');
    } catch (e) { message(errors, e); }
  };
  dialog.append(h('form', { onsubmit: submit, novalidate: true },
    h('h2', { text: 'Change Password: ' + tenant.name }),
    field('Username (as CSO shows it)', { id: 'new-username', value: tenant.username }),
    passwordField('New Password', 'new-password'), passwordField('Confirm Password', 'confirm-password'),
    policyNote(), errors,
    h('button', { type: 'submit' }, 'OK'),
    h('button', { type: 'button', class: 'secondary', onclick: () => { dialog.close(); dialog.remove(); } }, 'Cancel')));
  document.body.append(dialog);
  dialog.showModal();
}

async function tenantsPage(page) {
  const tenants = await api('push', 'GET', '/api/admin/tenants');
  const out = h('div', {});
  const done = reloadWithNotice;
  const create = async event => {
    event.preventDefault();
    const v = id => document.getElementById(id).value.trim();
    const password = document.getElementById('t-password').value;
    const body = { name: v('t-name'), kind: v('t-kind'), endpoint: v('t-endpoint'),
      domains: v('t-domains').split(/[\s,]+/).filter(Boolean), password };
    if (v('t-username')) body.username = v('t-username');
    try { await api('push', 'POST', '/api/admin/tenants', body); done('Tenant ' + body.name + ' saved.'); }
    catch (e) { message(out, e); }
  };
  page.replaceChildren(pageTitle('Tenants'), table([
    { label: 'Name', value: t => t.name },
    { label: 'Kind', value: t => t.kind },
    { label: 'Username', value: t => h('code', { text: t.username }) },
    { label: 'Domains', value: t => t.domains.join(', ') },
    { label: 'Connection status', value: t => t.status },
    { label: 'Last push', value: t => time(t.last_push_at) },
    { label: 'Last error', value: t => t.last_error || '–' },
    { label: 'Lag', value: t => String(t.lag) },
    { label: '', value: t => [
      h('button', { type: 'button', 'data-tenant': t.name, onclick: () => changePasswordDialog(t, done) }, 'Change Password'),
      h('button', { type: 'button', class: 'secondary', onclick: async () => {
        try { await api('push', 'POST', '/api/admin/tenants/' + t.id + '/resync'); done('Resync of ' + t.name + ' requested.'); }
        catch (e) { message(out, e); }
      } }, 'Resync'),
      h('button', { type: 'button', class: 'danger', onclick: async () => {
        try { await api('push', 'DELETE', '/api/admin/tenants/' + t.id); route(); } catch (e) { message(out, e); }
      } }, 'Delete')] },
  ], tenants), out,
  h('h2', { text: 'Add a tenant (JIMS-to-CSO Configuration)' }),
  h('form', { class: 'card', onsubmit: create, novalidate: true },
    h('div', { class: 'row' }, field('Name', { id: 't-name', required: true }),
      h('div', {}, h('label', { for: 't-kind', text: 'Kind' }), h('select', { id: 't-kind' },
        h('option', { value: 'cso' }, 'CSO'), h('option', { value: 'secure-edge' }, 'Secure Edge'))),
      field('Endpoint', { id: 't-endpoint', placeholder: 'https://cso.example.com/jims', required: true })),
    h('div', { class: 'row' }, field('Domains', { id: 't-domains', placeholder: 'example.com', required: true }),
      field('Username (as issued by CSO; empty: generated)', { id: 't-username' })),
    passwordField('Password', 't-password'), policyNote(),
    h('button', { type: 'submit' }, 'Save')));
}

// ---- Configuration: export and import with the missing-passwords flow -----------------------------------------

function download(name, text) {
  const url = URL.createObjectURL(new Blob([text], { type: 'application/json' }));
  const a = h('a', { href: url, download: name });
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}

async function configurationPage(page) {
  const out = h('div', {});
  const importBox = h('div', {});
  const exportConfig = async event => {
    event.preventDefault();
    const service = document.getElementById('e-service').value;
    const passphrase = document.getElementById('e-passphrase').value;
    try {
      const doc = passphrase
        ? await api(service, 'POST', '/api/admin/config/export', { passphrase })
        : await api(service, 'GET', '/api/admin/config');
      download('openjims-' + service + '-config.json', JSON.stringify(doc, null, 2));
      out.replaceChildren(h('p', { class: 'ok', text: 'Exported ' + service + (passphrase ? ' with sealed secrets.' : ' without secrets.') }));
    } catch (e) { message(out, e); }
  };
  page.replaceChildren(pageTitle('Configuration'),
    h('h2', { text: 'Export' }),
    h('form', { class: 'card', onsubmit: exportConfig },
      h('div', { class: 'row' }, serviceSelect('e-service'),
        field('Passphrase (12+ characters; empty: without secrets)', { id: 'e-passphrase', type: 'password' })),
      h('button', { type: 'submit' }, 'Export')), out,
    h('h2', { text: 'Import' }), importForm(importBox), importBox);
}

function serviceSelect(id) {
  return h('div', {}, h('label', { for: id, text: 'Service' }), h('select', { id },
    h('option', { value: 'collector' }, 'collector-service'), h('option', { value: 'query' }, 'query-service'),
    h('option', { value: 'push' }, 'push-service')));
}

function importForm(box) {
  const state = { document: null, service: null, passwords: new Map(), report: null };
  const sectionsBox = h('div', { hidden: true, 'data-testid': 'advanced' });
  const fileInput = h('input', { type: 'file', id: 'i-file', accept: 'application/json,.json' });
  const addPasswords = h('button', { type: 'button', class: 'secondary', hidden: true,
    onclick: () => passwordsDialog(state, refresh) }, 'Add Passwords');
  const ok = h('button', { type: 'button', disabled: true, onclick: () => run(false) }, 'OK');
  const status = h('div', {});

  function chosenSections() {
    if (sectionsBox.hidden) return null;
    return [...sectionsBox.querySelectorAll('input[name=section]:checked')].map(i => i.value);
  }
  function request(dryRun) {
    const body = { document: state.document, dry_run: dryRun,
      passwords: [...state.passwords].map(([index, password]) => ({ index, password })) };
    const passphrase = document.getElementById('i-passphrase').value;
    if (passphrase) body.passphrase = passphrase;
    const sections = chosenSections();
    if (sections) {
      const accept = document.getElementById('accept-warning');
      body.sections = sections;
      body.accept_partial = accept !== null && accept.checked;
    }
    return body;
  }
  function refresh() {
    const r = state.report;
    const missing = r ? (r.missing || []).filter(m => !state.passwords.has(m.index)) : [];
    addPasswords.hidden = !r || (r.missing || []).length === 0;
    const accept = document.getElementById('accept-warning');
    const partialOk = sectionsBox.hidden || (accept !== null && accept.checked);
    ok.disabled = !state.document || missing.length > 0 || !partialOk;
    if (r) status.replaceChildren(h('p', { 'data-testid': 'import-status',
      text: 'Passwords: Total ' + r.total + ' / Fixed ' + (r.total - missing.length) + ' / Remaining ' + missing.length }));
  }
  async function run(dryRun) {
    try {
      const r = await api(state.service, 'POST', '/api/admin/config/import', request(dryRun));
      state.report = r;
      refresh();
      if (!dryRun) {
        const changes = Object.entries(r.changes || {}).map(([s, c]) => s + ': ' + c.added + ' added, ' + c.replaced + ' replaced, ' + c.removed + ' removed');
        box.replaceChildren(h('p', { class: 'ok', role: 'status', 'data-testid': 'import-done', text: 'Imported. ' + changes.join('; ') }));
      }
    } catch (e) {
      if (e.status === 409 && e.body.error === 'missing_passwords') {
        // Passwords given so far were counted by the server; keep them and list what is still missing.
        state.report = e.body;
        refresh();
        box.replaceChildren(h('p', { class: 'muted', text: 'Passwords are missing: assign them with Add Passwords. (' + e.message + ')' }));
      } else { message(box, e); }
    }
  }
  async function load() {
    const file = fileInput.files[0];
    if (!file) return;
    try {
      state.document = JSON.parse(await file.text());
    } catch (e) { message(box, new Error('The file is not JSON: ' + e.message)); return; }
    state.service = state.document.service;
    state.passwords.clear();
    state.report = null;
    const sections = Object.keys(state.document.sections || {});
    sectionsBox.replaceChildren(h('p', { class: 'muted', text: 'Sections to import:' }),
      ...sections.map(s => h('label', { class: 'inline' }, h('input', { type: 'checkbox', name: 'section', value: s, checked: true }), s)),
      h('p', { class: 'error', text: 'You are choosing to import a partial configuration, only those elements will be overwritten.' }),
      h('label', { class: 'inline' }, h('input', { type: 'checkbox', id: 'accept-warning', onchange: refresh }), 'Accept Warning'));
    box.replaceChildren(h('p', { text: 'File for ' + state.service + '-service with sections ' + sections.join(', ') + '.' }));
    await run(true);
  }
  fileInput.addEventListener('change', load);
  return h('div', { class: 'card' },
    h('label', { for: 'i-file', text: 'Configuration file' }), fileInput,
    field('Passphrase of the file (if it carries sealed secrets)', { id: 'i-passphrase', type: 'password' }),
    h('button', { type: 'button', class: 'secondary', onclick: () => { sectionsBox.hidden = !sectionsBox.hidden; refresh(); } }, 'Advanced'),
    sectionsBox, status, addPasswords, ok);
}

function passwordsDialog(state, refresh) {
  const dialog = h('dialog', { 'aria-label': 'Import - Add Missing Passwords' });
  const missing = state.report.missing || [];
  const total = h('span', {}), fixed = h('span', {}), remaining = h('span', {});
  const progress = h('progress', { max: String(missing.length || 1), value: '0' });
  const statusLine = h('p', { class: 'muted', 'data-testid': 'assign-status' });
  const okButton = h('button', { type: 'button', disabled: true, onclick: () => { dialog.close(); dialog.remove(); refresh(); } }, 'OK');
  const rows = new Map();
  let current = missing.length ? missing[0].index : null;
  const entry = h('input', { id: 'current-password', type: 'password', autocomplete: 'off' });
  const currentLabel = h('span', {});

  function update() {
    const assigned = missing.filter(m => state.passwords.has(m.index)).length;
    total.textContent = 'Total: ' + missing.length;
    fixed.textContent = 'Fixed: ' + assigned;
    remaining.textContent = 'Remaining: ' + (missing.length - assigned);
    progress.value = assigned;
    okButton.disabled = assigned < missing.length;
    for (const m of missing) {
      const row = rows.get(m.index);
      const has = state.passwords.has(m.index);
      row.className = has ? 'assigned' : 'missing';
      row.querySelector('.pw').textContent = has ? 'OK' : 'missing';
      row.setAttribute('aria-selected', String(m.index === current));
    }
    const sel = missing.find(m => m.index === current);
    currentLabel.textContent = sel ? '#' + sel.index + ' ' + sel.type + ' ' + sel.name : 'all assigned';
  }
  function assign() {
    if (current === null || !entry.value) { statusLine.textContent = 'Type a password first.'; return; }
    state.passwords.set(current, entry.value);
    entry.value = '';
    statusLine.textContent = 'Success - In-memory working configuration is updated.';
    const next = missing.find(m => !state.passwords.has(m.index));
    current = next ? next.index : null;
    update();
    entry.focus();
  }
  const body = h('tbody', {}, missing.map(m => {
    const row = h('tr', { 'data-index': String(m.index), onclick: () => { current = m.index; update(); } },
      h('td', { text: String(m.index) }), h('td', { text: m.section }), h('td', { text: m.type }),
      h('td', { text: m.name }), h('td', { text: m.username || '' }), h('td', { class: 'pw' }), h('td', { text: m.used_for || '' }));
    rows.set(m.index, row);
    return row;
  }));
  dialog.append(h('h2', { text: 'Import - Add Missing Passwords' }),
    h('table', {}, h('thead', {}, h('tr', {}, ['Index', 'Section', 'Type', 'Data', 'Username', 'Password', 'Used for'].map(c => h('th', { text: c })))), body),
    h('div', { class: 'status-box', 'data-testid': 'counts' }, total, fixed, remaining), progress,
    h('h2', { text: 'Current Password List Entry' }), h('p', {}, currentLabel),
    h('label', { for: 'current-password', text: 'Password' }), entry,
    h('button', { type: 'button', onclick: assign }, 'Assign'), statusLine, okButton,
    h('button', { type: 'button', class: 'secondary', onclick: () => { dialog.close(); dialog.remove(); refresh(); } }, 'Cancel'));
  entry.addEventListener('keydown', e => { if (e.key === 'Enter') { e.preventDefault(); assign(); } });
  document.body.append(dialog);
  update();
  dialog.showModal();
}

// ---- start ----------------------------------------------------------------------------------------------------

document.getElementById('sign-in-form').addEventListener('submit', signIn);
document.getElementById('sign-out').addEventListener('click', () => signOut());
window.addEventListener('hashchange', route);
// A click on the current page's link loads it again (fresh data).
for (const a of document.querySelectorAll('#nav a')) {
  a.addEventListener('click', () => { if (a.getAttribute('href') === location.hash) route(); });
}
route();
