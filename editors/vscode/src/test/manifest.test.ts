// Checks that package.json and the compiled extension agree: `main` exists,
// every setting the code reads is declared (and every declared one is read),
// every command is contributed, and the activation events match the
// languages the client serves. The extension is loaded with a stand-in for
// the `vscode` module, as VS Code is not here; run after `tsc` (npm run check).
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import Module from 'node:module';
import * as os from 'node:os';
import * as path from 'node:path';
import { test } from 'node:test';

const root = path.resolve(__dirname, '..', '..');

interface Property {
  type: string;
  default?: unknown;
}
interface Manifest {
  main: string;
  engines: { vscode: string };
  activationEvents: string[];
  devDependencies: Record<string, string>;
  capabilities?: { untrustedWorkspaces?: { restrictedConfigurations?: string[] } };
  contributes: {
    commands: { command: string; title: string }[];
    configuration: { properties: Record<string, Property> };
  };
}

const pkg = JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8')) as Manifest;
const declared = pkg.contributes.configuration.properties;
const minVersion = (range: string): string => range.replace(/^[\^~>=\s]+/, '');

test('main points at the compiled extension', () => {
  assert.equal(path.normalize(pkg.main), path.normalize('./out/extension.js'));
  assert.ok(fs.existsSync(path.join(root, pkg.main)), `${pkg.main} is missing: run npm run compile`);
});

test('engines.vscode and @types/vscode name the same VS Code', () => {
  const types = pkg.devDependencies['@types/vscode'];
  assert.ok(types, '@types/vscode is not a devDependency');
  // Newer types would let the code call APIs that the oldest VS Code in
  // engines lacks (and vsce refuses to package that): keep them equal.
  assert.equal(minVersion(types), minVersion(pkg.engines.vscode));
  const installed = JSON.parse(
    fs.readFileSync(path.join(root, 'node_modules', '@types', 'vscode', 'package.json'), 'utf8'),
  ) as { version: string };
  assert.equal(installed.version, minVersion(types), 'installed @types/vscode differs: run npm ci');
});

test('every glossary setting read in extension.ts is declared, and every declared one is read', () => {
  const src = fs.readFileSync(path.join(root, 'src', 'extension.ts'), 'utf8');
  // Variables holding getConfiguration('glossary'), and direct chains.
  const holders = [...src.matchAll(/(\w+)\s*=\s*vscode\.workspace\.getConfiguration\(\s*['"]glossary['"]\s*\)/g)].map(
    (m) => m[1],
  );
  const receivers = [...holders.map((h) => `\\b${h}`), `getConfiguration\\(\\s*['"]glossary['"]\\s*\\)`];
  const read = new Set<string>();
  for (const r of receivers) {
    const re = new RegExp(`${r}\\s*\\.get\\s*(?:<[^>]*>)?\\(\\s*['"]([^'"]+)['"]`, 'g');
    for (const m of src.matchAll(re)) {
      read.add(`glossary.${m[1]}`);
    }
  }
  assert.ok(read.size > 0, 'found no getConfiguration("glossary").get(...) in extension.ts');
  for (const key of read) {
    assert.ok(key in declared, `extension.ts reads ${key}, which contributes.configuration does not declare`);
  }
  for (const key of Object.keys(declared)) {
    assert.ok(read.has(key), `${key} is declared but extension.ts never reads it`);
  }
  for (const key of pkg.capabilities?.untrustedWorkspaces?.restrictedConfigurations ?? []) {
    assert.ok(key in declared, `restrictedConfigurations names ${key}, which is not declared`);
  }
});

// --- the extension, loaded against stand-ins for vscode and the client ---

interface Started {
  id: string;
  serverOptions: { command: string; args: string[]; transport?: unknown; options?: { cwd?: string } };
  clientOptions: { documentSelector: { scheme: string; language: string }[]; initializationOptions?: unknown };
  disposed: boolean;
  notifications: { method: string; params: unknown }[];
}

function load(settings: Record<string, unknown>, workspace: string | undefined) {
  const clients: Started[] = [];
  const commands = new Map<string, () => unknown>();
  const reads: string[] = [];
  const listeners: ((e: { affectsConfiguration(section: string): boolean }) => void)[] = [];
  const storage = fs.mkdtempSync(path.join(os.tmpdir(), 'glossary-ext-'));

  class LanguageClient {
    s: Started;
    constructor(id: string, _name: string, serverOptions: Started['serverOptions'], clientOptions: Started['clientOptions']) {
      this.s = { id, serverOptions, clientOptions, disposed: false, notifications: [] };
      clients.push(this.s);
    }
    async start(): Promise<void> {}
    async sendNotification(method: string, params: unknown): Promise<void> {
      this.s.notifications.push({ method, params });
    }
    async dispose(): Promise<void> {
      this.s.disposed = true;
    }
  }
  const uri = (p: string) => ({ fsPath: p });
  const vscode = {
    workspace: {
      workspaceFolders: workspace ? [{ uri: uri(workspace) }] : undefined,
      getConfiguration(section: string) {
        assert.equal(section, 'glossary');
        return {
          get(name: string) {
            const key = `${section}.${name}`;
            reads.push(key);
            // VS Code answers with the contributed default, or undefined.
            return key in settings ? settings[key] : declared[key]?.default;
          },
        };
      },
      fs: { createDirectory: async (u: { fsPath: string }) => fs.mkdirSync(u.fsPath, { recursive: true }) },
      onDidChangeConfiguration: (listener: (e: { affectsConfiguration(section: string): boolean }) => void) => {
        listeners.push(listener);
        return { dispose() {} };
      },
    },
    window: {
      createOutputChannel: () => ({ dispose() {}, append() {}, appendLine() {} }),
      showErrorMessage: async (m: string) => assert.fail(`error shown: ${m}`),
    },
    commands: {
      registerCommand(id: string, fn: () => unknown) {
        commands.set(id, fn);
        return { dispose() {} };
      },
    },
  };
  const mod = Module as unknown as { _load: (req: string, ...rest: unknown[]) => unknown };
  const original = mod._load;
  mod._load = function (req: string, ...rest: unknown[]) {
    if (req === 'vscode') return vscode;
    if (req === 'vscode-languageclient/node') return { LanguageClient };
    return original.call(this, req, ...rest);
  };
  const main = require.resolve(path.join(root, pkg.main));
  delete require.cache[main];
  let ext: { activate(ctx: unknown): Promise<void>; deactivate(): Promise<void> };
  try {
    ext = require(main);
  } finally {
    mod._load = original;
  }
  const context = { subscriptions: [] as unknown[], globalStorageUri: uri(path.join(storage, 'glossary.glossary')) };
  // change sets settings and tells the extension, as VS Code does.
  const change = (changed: Record<string, unknown>) => {
    Object.assign(settings, changed);
    const keys = Object.keys(changed);
    for (const l of listeners) {
      l({ affectsConfiguration: (section) => keys.some((k) => k === section || k.startsWith(section + '.')) });
    }
  };
  return { ext, context, clients, commands, reads, storage, change };
}

test('activate registers the contributed commands, serves the activation languages, runs glossary lsp', async () => {
  const { ext, context, clients, commands, reads, storage } = load({}, '/home/u/project');
  await ext.activate(context);

  assert.deepEqual([...commands.keys()].sort(), pkg.contributes.commands.map((c) => c.command).sort());
  for (const key of reads) {
    assert.ok(key in declared, `activate read ${key}, which is not declared`);
  }

  assert.equal(clients.length, 1);
  const c = clients[0];
  const languages = [...new Set(c.clientOptions.documentSelector.map((d) => d.language))].sort();
  const onLanguage = pkg.activationEvents.filter((e) => e.startsWith('onLanguage:')).map((e) => e.slice(11)).sort();
  assert.deepEqual(languages, onLanguage, 'documentSelector languages and onLanguage activation events differ');
  for (const language of languages) {
    for (const scheme of ['file', 'untitled']) {
      assert.ok(c.clientOptions.documentSelector.some((d) => d.language === language && d.scheme === scheme), `${language} ${scheme}`);
    }
  }

  // Defaults: the declared glossary.path, no flags, stdio without --stdio,
  // and a working directory of the extension's own (not the user's project).
  assert.equal(c.serverOptions.command, declared['glossary.path'].default);
  assert.deepEqual(c.serverOptions.args, ['lsp']);
  assert.equal(c.serverOptions.transport, undefined);
  assert.equal(c.serverOptions.options?.cwd, context.globalStorageUri.fsPath);
  assert.ok(fs.statSync(context.globalStorageUri.fsPath).isDirectory(), 'storage folder not created');

  await commands.get('glossary.restart')!();
  assert.equal(clients.length, 2, 'restart did not start a new client');
  assert.ok(clients[0].disposed, 'restart did not stop the old client');
  await ext.deactivate();
  assert.ok(clients[1].disposed, 'deactivate did not stop the client');
  fs.rmSync(storage, { recursive: true, force: true });
});

test('settings reach the command line', async () => {
  const { ext, context, clients, storage } = load(
    {
      'glossary.path': '~/bin/glossary',
      'glossary.server': ' https://glossary.example.com ',
      'glossary.dataDir': 'index',
    },
    '/home/u/project',
  );
  await ext.activate(context);
  const c = clients[0];
  assert.equal(c.serverOptions.command, path.join(os.homedir(), 'bin', 'glossary'));
  assert.deepEqual(c.serverOptions.args, [
    'lsp',
    '--server',
    'https://glossary.example.com',
    '--data',
    path.resolve('/home/u/project', 'index'),
  ]);
  await ext.deactivate();
  fs.rmSync(storage, { recursive: true, force: true });
});

test('role, level and diagnostics reach the server: at start, then without a restart', async () => {
  const { ext, context, clients, storage, change } = load(
    { 'glossary.role': 'backend-developer', 'glossary.diagnostics.name': 'off' },
    '/home/u/project',
  );
  await ext.activate(context);
  assert.deepEqual(clients[0].clientOptions.initializationOptions, {
    role: 'backend-developer',
    level: '',
    diagnostics: { typo: declared['glossary.diagnostics.typo'].default, name: 'off' },
  });

  change({ 'glossary.level': 'B2' });
  assert.equal(clients.length, 1, 'a server setting restarted the server');
  assert.deepEqual(clients[0].notifications, [
    {
      method: 'workspace/didChangeConfiguration',
      params: {
        settings: {
          glossary: { role: 'backend-developer', level: 'B2', diagnostics: { typo: declared['glossary.diagnostics.typo'].default, name: 'off' } },
        },
      },
    },
  ]);

  change({ 'glossary.server': 'https://glossary.example.com' });
  await new Promise((r) => setTimeout(r, 10));
  assert.equal(clients.length, 2, 'a new server URL did not restart the server');
  await ext.deactivate();
  fs.rmSync(storage, { recursive: true, force: true });
});
