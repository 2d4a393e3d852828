// Drives the admin console in Debian's chromium (headless, playwright-core) against a running local stack, and writes
// a screenshot of every page. Run by e2e-tests' ConsoleIT, which starts the stack and passes:
//   CONSOLE_URL (https://localhost:<query port>/console/), ADMIN_ID, ADMIN_SECRET, CHROMIUM (browser binary),
//   SCREENSHOTS (directory), IMPORT_FILE (a push-service configuration exported without secrets), TENANT (its tenant),
//   NODE_EXTRA_CA_CERTS (the stack's CA, for this script's own HTTPS calls), COLLECTOR_URL (its ingest API).
import { chromium } from 'playwright-core';
import assert from 'node:assert/strict';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { tmpdir } from 'node:os';

const env = name => {
  const value = process.env[name];
  if (!value) throw new Error('set ' + name);
  return value;
};
const CONSOLE = env('CONSOLE_URL');
const ORIGIN = new URL(CONSOLE).origin;
const SHOTS = env('SCREENSHOTS');
const TENANT = env('TENANT');
const COLLECTOR = env('COLLECTOR_URL');
const FAILURES = process.env.FAILURES || tmpdir();
mkdirSync(SHOTS, { recursive: true });
mkdirSync(FAILURES, { recursive: true });

const results = [];
let srxSecret = null;
async function step(name, fn) {
  const started = Date.now();
  try {
    await fn();
    results.push({ name, ok: true });
    console.log(`ok   ${name} (${Date.now() - started} ms)`);
  } catch (e) {
    results.push({ name, ok: false });
    console.log(`FAIL ${name}: ${e.stack || e}`);
    await page.screenshot({ path: join(FAILURES, 'failure-' + name.replace(/\W+/g, '-') + '.png') }).catch(() => {});
    throw e;
  }
}

async function shot(name) {
  await page.screenshot({ path: join(SHOTS, name + '.png'), fullPage: true });
}

async function open(link, heading) {
  await page.getByRole('link', { name: link, exact: true }).click();
  await page.getByRole('heading', { level: 1, name: heading || link }).waitFor();
  await page.locator('#page p.muted', { hasText: 'Loading' }).waitFor({ state: 'detached' });
}

const browser = await chromium.launch({
  executablePath: env('CHROMIUM'),
  headless: true,
  args: ['--no-sandbox', '--disable-dev-shm-usage'],
});
// The local stack's certificate comes from its own CA; this browser profile is for the test only.
const context = await browser.newContext({ ignoreHTTPSErrors: true, viewport: { width: 1280, height: 860 } });
const page = await context.newPage();
const consoleErrors = [];
page.on('console', m => { if (m.type() === 'error') consoleErrors.push(m.text()); });
page.on('pageerror', e => consoleErrors.push(String(e)));

try {
  await step('a wrong secret shows the server message', async () => {
    const response = await page.goto(CONSOLE);
    const csp = response.headers()['content-security-policy'];
    assert.match(csp, /script-src 'self'/);
    await page.getByLabel('Client ID').fill(env('ADMIN_ID'));
    await page.getByLabel('Client secret').fill('wrong-secret-0123456789');
    await page.getByRole('button', { name: 'Sign in' }).click();
    const error = page.locator('#sign-in-error');
    await error.waitFor({ state: 'visible' });
    assert.match(await error.textContent(), /client authentication failed/);
    await shot('sign-in');
  });

  await step('sign in and the dashboard shows live numbers and the collectors', async () => {
    await page.getByLabel('Client secret').fill(env('ADMIN_SECRET'));
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByRole('heading', { level: 1, name: 'Dashboard' }).waitFor();
    for (const link of ['Dashboard', 'Sessions', 'Directories', 'Syslog rules', 'Ingest clients', 'SRX clients',
      'Tenants', 'Collectors', 'Configuration']) {
      await page.getByRole('link', { name: link, exact: true }).waitFor();
    }
    const token = await page.evaluate(() => sessionStorage.getItem('openjims.console.token'));
    assert.ok(token && token.split('.').length === 3, 'the token is kept in sessionStorage');
    assert.equal((await context.cookies()).length, 0, 'no cookie holds the token');
    for (const w of ['domains', 'users', 'devices', 'groups', 'sessions']) {
      const value = await page.locator(`[data-widget=${w}] .value`).textContent();
      assert.match(value, /^\d+$/, w + ' is a number');
    }
    assert.ok(Number(await page.locator('[data-widget=users] .value').textContent()) > 0, 'directory users');
    assert.ok(Number(await page.locator('[data-widget=sessions] .value').textContent()) > 0, 'active sessions');
    for (const header of ['Collector identifier', 'Version', 'Current state', 'Description', 'Last update']) {
      await page.getByRole('columnheader', { name: header }).first().waitFor();
    }
    await page.getByRole('cell', { name: 'local-collector' }).first().waitFor();
    await shot('dashboard');
  });

  await step('sessions: search and the history of an address', async () => {
    await open('Sessions');
    const firstIp = (await page.locator('#page table tbody tr td').first().textContent()).trim();
    assert.match(firstIp, /^\d+\.\d+\.\d+\.\d+$/);
    const logon = await page.locator('#page table tbody tr').first().locator('td').nth(5).textContent();
    assert.match(logon, /^\d{4}-\d\d-\d\d \d\d:\d\d:\d\dZ$/, 'logon time shown');
    await page.getByLabel('IP address or prefix').fill(firstIp);
    await page.getByRole('button', { name: 'Search' }).click();
    await page.getByText('1 active sessions').waitFor();
    await page.getByLabel('IP address', { exact: true }).fill(firstIp);
    await page.getByRole('button', { name: 'Look up' }).click();
    const history = page.getByTestId('history');
    await history.waitFor();
    assert.match(await history.textContent(), new RegExp(firstIp.replace(/\./g, '\\.') + ' was held by example\\.com\\\\'));
    await page.getByLabel('IP address or prefix').fill('');
    await page.getByRole('button', { name: 'Search' }).click();
    await shot('sessions');
  });

  await step('directories: status, last sync and counts of the demo directory', async () => {
    await open('Directories');
    const row = page.locator('#page table tbody tr', { hasText: 'example.com' }).first();
    await row.waitFor();
    assert.match(await row.textContent(), /4 \/ \d+ \/ \d+/);
    await row.getByRole('button', { name: 'Sync now' }).click();
    await page.getByText(/Sync of .* requested\./).waitFor();
    await shot('directories');
  });

  await step('directories: edit, test connection (a wrong password, then the stored one) and save', async () => {
    const row = page.locator('#page table tbody tr', { hasText: 'example.com' }).first();
    await row.getByRole('button', { name: 'Edit' }).click();
    const form = page.getByTestId('directory-form');
    await page.getByRole('heading', { level: 2, name: /^Edit directory / }).waitFor();
    assert.equal(await form.getByLabel('DNS domain').inputValue(), 'example.com');
    assert.equal(await form.getByLabel(/^Bind password/).inputValue(), '', 'the stored password is never shown');
    await form.getByLabel(/^Bind password/).fill('Not-The-Password-1');
    await form.getByRole('button', { name: 'Test connection' }).click();
    await page.getByTestId('test-result').filter({ hasText: 'Connection failed (bind_failed)' }).waitFor();
    await form.getByLabel(/^Bind password/).fill('');
    await form.getByRole('button', { name: 'Test connection' }).click();
    const ok = page.getByTestId('test-result').filter({ hasText: 'Connection OK' });
    await ok.waitFor();
    assert.match(await ok.textContent(), /bound as cn=openjims-reader.* read \d+\+? entries under dc=example,dc=com/);
    await form.getByLabel('Poll interval (seconds)').fill('20');
    await shot('directories-edit');
    await form.getByRole('button', { name: 'Save directory' }).click();
    await page.getByRole('status').filter({ hasText: /Directory .* saved\./ }).waitFor();
    const edited = page.locator('#page table tbody tr', { hasText: 'example.com' }).first();
    await edited.getByRole('button', { name: 'Edit' }).click();
    assert.equal(await page.getByTestId('directory-form').getByLabel('Poll interval (seconds)').inputValue(), '20');
  });

  await step('syslog rules: the list and the live rule tester', async () => {
    await open('Syslog rules');
    await page.getByRole('cell', { name: 'generic-key-value-login', exact: true }).waitFor();
    await page.getByLabel('Syslog line').fill('<134>1 2026-12-07T09:14:00Z host app - - - user=alice domain=example.com ip=10.77.1.2 action=login');
    await page.getByRole('button', { name: 'Test', exact: true }).click();
    await page.getByTestId('outcome').waitFor();
    assert.match(await page.getByTestId('outcome').textContent(), /matched by rule generic-key-value-login/);
    const event = JSON.parse(await page.getByTestId('event').textContent());
    assert.equal(event.user, 'alice');
    assert.equal(event.ip, '10.77.1.2');
    await shot('syslog-rules');
  });

  await step('syslog rules: add a rule, edit it, and the tester uses it', async () => {
    const form = () => page.getByTestId('rule-form');
    await form().getByLabel('Name').fill('console-rule');
    await form().getByLabel('Condition', { exact: true }).fill('console-logon');
    await form().getByLabel(/^Pattern/).fill('console-logon u=(?<user>\\S+) a=(?<ip>\\S+)');
    await form().getByRole('button', { name: 'Add rule' }).click();
    await page.getByRole('status').filter({ hasText: 'Rule console-rule saved.' }).waitFor();
    const row = page.locator('#page table tbody tr[data-rule="console-rule"]');
    await row.waitFor();
    await row.getByRole('button', { name: 'Edit' }).click();
    await page.getByRole('heading', { level: 2, name: 'Edit rule console-rule' }).waitFor();
    assert.equal(await form().getByLabel('Condition', { exact: true }).inputValue(), 'console-logon');
    // The edit: the user field is now called "who".
    await form().getByLabel(/^Pattern/).fill('console-logon who=(?<user>\\S+) a=(?<ip>\\S+)');
    await page.getByLabel('Syslog line').fill('<134>1 2026-12-07T09:15:00Z host app - - - console-logon who=erin a=10.77.1.9');
    await form().getByRole('button', { name: 'Try the tester line with this rule' }).click();
    // Only the unsaved definition is tried: the saved one (u=) would not match this line.
    await page.getByTestId('outcome').filter({ hasText: 'matched by rule console-rule' }).waitFor();
    await shot('syslog-rules-edit');
    await form().getByRole('button', { name: 'Save rule' }).click();
    // The notice of the add is still shown: wait for the list to show the saved change.
    await page.locator('#page table tbody tr[data-rule="console-rule"]', { hasText: 'who=' }).waitFor();
    await page.getByLabel('Syslog line').fill('<134>1 2026-12-07T09:15:00Z host app - - - console-logon who=erin a=10.77.1.9');
    await page.getByRole('button', { name: 'Test', exact: true }).click();
    await page.getByTestId('outcome').filter({ hasText: 'matched by rule console-rule' }).waitFor();
    assert.equal(JSON.parse(await page.getByTestId('event').textContent()).user, 'erin');
  });

  await step('ingest clients: create shows the secret once with a copy button', async () => {
    await open('Ingest clients');
    await page.getByLabel('Name').fill('console-pan-' + Date.now());
    await page.getByRole('button', { name: 'Create' }).click();
    await page.getByText('(shown once: copy it now)').first().waitFor();
    assert.equal(await page.getByTestId('secret').count(), 2);
    await page.getByRole('button', { name: 'Copy' }).first().waitFor();
    await page.getByRole('columnheader', { name: 'Last seen' }).waitFor();
    await shot('ingest-clients');
  });

  await step('ingest clients: rotate, and only the new API key is accepted', async () => {
    const clientId = (await page.getByTestId('new-client-id').textContent()).trim();
    const oldKey = (await page.getByTestId('secret').nth(1).textContent()).trim();
    await page.locator(`#page table tbody tr[data-client="${clientId}"]`).getByRole('button', { name: 'Rotate' }).click();
    await page.getByText('New secret and API key for client ' + clientId + '.').waitFor();
    const newKey = (await page.getByTestId('secret').last().textContent()).trim();
    assert.notEqual(newKey, oldKey);
    const pan = key => fetch(new URL('/api/', COLLECTOR), {
      method: 'POST',
      headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ type: 'user-id', key, cmd: '<uid-message><type>update</type><payload><login>'
        + '<entry name="example.com\\console-rot" ip="10.77.2.1"/></login></payload></uid-message>' }),
    });
    assert.equal((await pan(oldKey)).status, 403, 'the old API key is refused');
    assert.equal((await pan(newKey)).status, 200, 'the new API key works');
  });

  await step('SRX clients: create one and use its secret for a token', async () => {
    await open('SRX clients');
    await page.getByRole('cell', { name: 'openjims-local-srx' }).waitFor();
    await page.getByLabel('Name').fill('console-srx');
    await page.getByRole('button', { name: 'Create' }).click();
    await page.getByTestId('secret').waitFor();
    const clientId = (await page.getByTestId('new-client-id').textContent()).trim();
    const secret = (await page.getByTestId('secret').textContent()).trim();
    srxSecret = secret;
    const tokenAnswer = await fetch(ORIGIN + '/api/oauth_token/oauth', {
      method: 'POST',
      headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ grant_type: 'client_credentials', client_id: clientId, client_secret: secret }),
    });
    assert.equal(tokenAnswer.status, 200);
    const { access_token: accessToken } = await tokenAnswer.json();
    const query = await fetch(ORIGIN + '/api/user_query/v2', {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', Authorization: 'Bearer ' + accessToken },
      body: JSON.stringify({ query: 'batch', max_items: 100 }),
    });
    assert.equal(query.status, 200);
    assert.ok((await query.json()).items.length > 0, 'the new client reads the batch feed');
    // The token request is this client's first sighting: the list shows when it was last seen.
    let seen = '';
    for (let i = 0; i < 20 && !/\d{4}-/.test(seen); i++) {
      await open('SRX clients');
      seen = await page.locator('#page table tbody tr', { hasText: clientId }).locator('td').nth(5).textContent();
      if (!/\d{4}-/.test(seen)) await page.waitForTimeout(1000);
    }
    assert.match(seen, /\d{4}-\d\d-\d\d/);
    await shot('srx-clients');
  });

  await step('SRX clients: rotate, the old secret gets no token and the new one does', async () => {
    const rows = page.locator('#page table tbody tr', { hasText: 'console-srx' });
    const clientId = (await rows.first().locator('td').first().textContent()).trim();
    const oldSecret = srxSecret;
    await rows.first().getByRole('button', { name: 'Rotate' }).click();
    await page.getByText('New secret for client ' + clientId + '.').waitFor();
    const newSecret = (await page.getByTestId('secret').textContent()).trim();
    assert.notEqual(newSecret, oldSecret);
    const tokenFor = secret => fetch(ORIGIN + '/api/oauth_token/oauth', {
      method: 'POST',
      headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ grant_type: 'client_credentials', client_id: clientId, client_secret: secret }),
    });
    assert.ok([400, 401].includes((await tokenFor(oldSecret)).status), 'the old secret is refused');
    assert.equal((await tokenFor(newSecret)).status, 200, 'the new secret gets a token');
  });

  await step('tenants: Change Password shows the policy and mismatch errors, then saves', async () => {
    await open('Tenants');
    const row = page.locator('#page table tbody tr', { hasText: TENANT });
    await row.getByRole('button', { name: 'Change Password' }).click();
    const dialog = page.getByRole('dialog');
    await dialog.waitFor();
    await dialog.getByTestId('policy').waitFor();
    await dialog.getByLabel('New Password', { exact: true }).fill('weakpassword');
    await dialog.getByLabel('Confirm Password', { exact: true }).fill('weakpassword');
    await dialog.getByRole('button', { name: 'OK' }).click();
    await dialog.getByRole('alert').waitFor();
    assert.match(await dialog.getByRole('alert').textContent(), /upper-case letter/);
    await dialog.getByLabel('New Password', { exact: true }).fill('Console-Pass-42!');
    await dialog.getByLabel('Confirm Password', { exact: true }).fill('Console-Pass-43!');
    await dialog.getByRole('button', { name: 'OK' }).click();
    await dialog.getByRole('alert').filter({ hasText: 'do not match' }).waitFor();
    const shows = dialog.getByRole('checkbox', { name: 'Show Password' }).first();
    await shows.check();
    assert.equal(await dialog.getByLabel('New Password', { exact: true }).getAttribute('type'), 'text');
    await shot('tenants-change-password');
    await dialog.getByLabel('Confirm Password', { exact: true }).fill('Console-Pass-42!');
    await dialog.getByRole('button', { name: 'OK' }).click();
    await page.getByRole('status').filter({ hasText: 'Password of ' + TENANT + ' changed.' }).waitFor();
    for (const header of ['Username', 'Connection status', 'Last push', 'Last error', 'Lag']) {
      await page.getByRole('columnheader', { name: header }).waitFor();
    }
    await shot('tenants');
  });

  await step('collectors: the inventory', async () => {
    await open('Collectors');
    const row = page.locator('#page table tbody tr', { hasText: 'local-collector' });
    await row.waitFor();
    assert.match(await row.textContent(), /running|degraded/);
    await shot('collectors');
  });

  await step('configuration: the import dialog through its missing-passwords flow', async () => {
    await open('Configuration');
    await page.getByLabel('Configuration file').setInputFiles(env('IMPORT_FILE'));
    await page.getByTestId('import-status').waitFor();
    assert.match(await page.getByTestId('import-status').textContent(), /Total 1 \/ Fixed 0 \/ Remaining 1/);
    const ok = page.getByRole('button', { name: 'OK', exact: true });
    assert.ok(await ok.isDisabled(), 'OK is disabled while a password is missing');
    await page.getByRole('button', { name: 'Advanced' }).click();
    await page.getByText('You are choosing to import a partial configuration, only those elements will be overwritten.').waitFor();
    await page.getByRole('button', { name: 'Add Passwords' }).click();
    const dialog = page.getByRole('dialog');
    await dialog.waitFor();
    const row = dialog.locator('tbody tr').first();
    assert.equal(await row.getAttribute('class'), 'missing');
    assert.match(await dialog.getByTestId('counts').textContent(), /Total: 1.*Fixed: 0.*Remaining: 1/);
    assert.ok(await dialog.getByRole('button', { name: 'OK' }).isDisabled());
    await shot('configuration-add-passwords');
    await dialog.getByLabel('Password', { exact: true }).fill('Imported-Pass-7!');
    await dialog.getByRole('button', { name: 'Assign' }).click();
    assert.equal(await row.getAttribute('class'), 'assigned');
    assert.match(await dialog.getByTestId('counts').textContent(), /Fixed: 1.*Remaining: 0/);
    assert.equal(await dialog.locator('progress').evaluate(p => p.value), 1);
    await dialog.getByRole('button', { name: 'OK' }).click();
    await dialog.waitFor({ state: 'detached' });
    assert.ok(await ok.isDisabled(), 'a partial import waits for Accept Warning');
    await page.getByLabel('Accept Warning').check();
    assert.ok(await ok.isEnabled());
    await ok.click();
    await page.getByTestId('import-done').waitFor();
    assert.match(await page.getByTestId('import-done').textContent(), /Imported\. tenants: \d+ added, \d+ replaced, \d+ removed/);
    await shot('configuration');
  });

  assert.deepEqual(consoleErrors.filter(e => /Content Security Policy|Refused/.test(e)), [], 'no CSP violation');
} finally {
  await browser.close();
  const failed = results.filter(r => !r.ok).length;
  console.log(`${results.length} steps, ${failed} failed`);
}
