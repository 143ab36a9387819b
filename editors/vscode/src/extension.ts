// The glossary extension: starts `glossary lsp` (completion, hover and the
// terminology checker for IT English terms) for Markdown, plain text and git
// commit messages.
import * as os from 'os';
import * as path from 'path';
import * as vscode from 'vscode';
import {
  LanguageClient,
  LanguageClientOptions,
  ServerOptions,
} from 'vscode-languageclient/node';

/** The languages the server is started for; package.json activates on each. */
export const LANGUAGES = ['markdown', 'plaintext', 'git-commit'];

let client: LanguageClient | undefined;
let output: vscode.OutputChannel | undefined;

/** The settings of the extension, as read from `glossary.*`. */
export interface Settings {
  path: string;
  server: string;
  dataDir: string;
}

export function readSettings(): Settings {
  const cfg = vscode.workspace.getConfiguration('glossary');
  return {
    path: (cfg.get<string>('path') ?? '').trim() || 'glossary',
    server: (cfg.get<string>('server') ?? '').trim(),
    dataDir: (cfg.get<string>('dataDir') ?? '').trim(),
  };
}

/**
 * What the server itself reads (lsp.Settings): sent as initializationOptions
 * when it starts and as workspace/didChangeConfiguration when they change,
 * which needs no restart.
 */
export interface ServerSettings {
  role: string;
  level: string;
  diagnostics: { typo: string; name: string };
}

export function readServerSettings(): ServerSettings {
  const cfg = vscode.workspace.getConfiguration('glossary');
  return {
    role: (cfg.get<string>('role') ?? '').trim(),
    level: cfg.get<string>('level') ?? '',
    diagnostics: {
      typo: cfg.get<string>('diagnostics.typo') ?? '',
      name: cfg.get<string>('diagnostics.name') ?? '',
    },
  };
}

/** The settings that change the command line, so a restart. */
const RESTART_SETTINGS = ['glossary.path', 'glossary.server', 'glossary.dataDir'];

/**
 * Makes a path from the settings absolute: `~` is the home folder, and a
 * relative path is taken from the first workspace folder (the server itself
 * runs in the extension's storage folder). A bare command name such as
 * "glossary" is left alone, to be found on PATH.
 */
export function resolvePath(p: string, base: string | undefined, isCommand: boolean): string {
  if (p === '~' || p.startsWith('~/') || p.startsWith('~\\')) {
    return path.join(os.homedir(), p.slice(1));
  }
  if (path.isAbsolute(p)) {
    return p;
  }
  if (isCommand && !p.includes('/') && !p.includes('\\')) {
    return p;
  }
  return base ? path.resolve(base, p) : p;
}

/** The command line of the server: `glossary lsp [--server URL] [--data DIR]`. */
export function serverCommand(s: Settings, base: string | undefined): { command: string; args: string[] } {
  const args = ['lsp'];
  if (s.server) {
    args.push('--server', s.server);
  }
  if (s.dataDir) {
    args.push('--data', resolvePath(s.dataDir, base, false));
  }
  return { command: resolvePath(s.path, base, true), args };
}

async function startClient(context: vscode.ExtensionContext): Promise<void> {
  const settings = readSettings();
  const base = vscode.workspace.workspaceFolders?.[0]?.uri.fsPath;
  const { command, args } = serverCommand(settings, base);

  // The server runs in a folder of its own. glossary lsp reads no project's
  // files (its config is ~/.config/glossary/config.yaml, its index, unless
  // --data says otherwise, ~/.cache/glossary/data), but a server started in
  // the project would keep it open.
  const cwd = context.globalStorageUri.fsPath;
  await vscode.workspace.fs.createDirectory(context.globalStorageUri);

  // No transport: the client then speaks stdio without adding --stdio.
  const serverOptions: ServerOptions = { command, args, options: { cwd } };
  const clientOptions: LanguageClientOptions = {
    documentSelector: LANGUAGES.flatMap((language) => [
      { scheme: 'file', language },
      { scheme: 'untitled', language },
    ]),
    outputChannel: output,
    initializationOptions: readServerSettings(),
  };
  client = new LanguageClient('glossary', 'Glossary', serverOptions, clientOptions);
  try {
    await client.start();
  } catch (err) {
    const message = err instanceof Error ? err.message : String(err);
    void vscode.window.showErrorMessage(
      `Glossary: could not start "${command} ${args.join(' ')}": ${message}. ` +
        'Set "glossary.path" to the glossary binary.',
    );
  }
}

async function stopClient(): Promise<void> {
  const c = client;
  client = undefined;
  if (c) {
    try {
      await c.dispose(); // stops the server: shutdown, exit, then kill
    } catch {
      // A server that never started has nothing to stop.
    }
  }
}

async function restart(context: vscode.ExtensionContext): Promise<void> {
  await stopClient();
  await startClient(context);
}

export async function activate(context: vscode.ExtensionContext): Promise<void> {
  output = vscode.window.createOutputChannel('Glossary');
  context.subscriptions.push(
    output,
    vscode.commands.registerCommand('glossary.restart', () => restart(context)),
    vscode.workspace.onDidChangeConfiguration((e) => {
      if (RESTART_SETTINGS.some((s) => e.affectsConfiguration(s))) {
        void restart(context);
      } else if (e.affectsConfiguration('glossary') && client) {
        void client.sendNotification('workspace/didChangeConfiguration', {
          settings: { glossary: readServerSettings() },
        });
      }
    }),
  );
  await startClient(context);
}

export function deactivate(): Promise<void> {
  return stopClient();
}
