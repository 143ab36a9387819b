-- glossary language server for Neovim's built-in LSP client: completion,
-- hover and a terminology checker (diagnostics with quick fixes, "Explain"
-- and "Show commonly confused terms") for IT English terms in Markdown,
-- plain text and git commit messages.
--
-- Copy into ~/.config/nvim/plugin/glossary.lua. Needs `glossary` on PATH.
-- Neovim 0.7 (Debian 12's) and later: 0.7 is what editors/editortest runs.
--
-- Optional settings, in init.lua (which runs before plugins):
--
--   vim.g.glossary = {
--     cmd = { 'glossary', 'lsp', '--server', 'https://glossary.example.com' },
--     filetypes = { 'markdown', 'text', 'gitcommit' },
--     settings = { role = 'backend-developer', level = 'B2',
--                  diagnostics = { typo = 'information', name = 'off' } },
--     open = function(url) vim.fn.jobstart({ 'firefox', url }) end,  -- for "Explain"
--     config = {},  -- merged into vim.lsp.start_client's configuration
--   }
--
-- :GlossarySet role=frontend-developer level=B1 typo=warning name=off
-- changes the settings of the running server (an empty value: the default).

local user = vim.g.glossary or {}
local filetypes = user.filetypes or { 'markdown', 'text', 'gitcommit' }
local cmd = user.cmd or { 'glossary', 'lsp' }
local settings = vim.deepcopy(user.settings or {})

-- open opens a URL in the browser: the server asks for it
-- (window/showDocument) when "Explain" runs and a --server URL is set.
local function open(url)
  if user.open then
    return user.open(url)
  end
  if vim.ui and vim.ui.open then -- 0.10+
    return vim.ui.open(url)
  end
  local opener = vim.fn.has('mac') == 1 and 'open' or 'xdg-open'
  vim.fn.jobstart({ opener, url }, { detach = true })
end

local function on_attach(_, bufnr)
  -- Neovim 0.10+ sets these when a server attaches; earlier ones do not.
  if vim.fn.has('nvim-0.10') == 0 then
    vim.api.nvim_buf_set_option(bufnr, 'omnifunc', 'v:lua.vim.lsp.omnifunc')
    vim.keymap.set('n', 'K', vim.lsp.buf.hover, { buffer = bufnr, desc = 'glossary: hover' })
  end
end

local capabilities = vim.lsp.protocol.make_client_capabilities()
capabilities.window = capabilities.window or {}
capabilities.window.showDocument = { support = true }

local config = vim.tbl_extend('force', {
  name = 'glossary',
  cmd = cmd,
  -- One server for every buffer, wherever the file is: it keeps its index
  -- in ~/.cache/glossary/data and reads no project's files.
  root_dir = vim.fn.getcwd(),
  init_options = settings,
  capabilities = capabilities,
  on_attach = on_attach,
  handlers = {
    ['window/showDocument'] = function(_, result, ...)
      if result and result.external then
        open(result.uri)
        return { success = true }
      end
      local default = vim.lsp.handlers['window/showDocument'] -- 0.8+
      if default then
        return default(_, result, ...)
      end
      return { success = false }
    end,
  },
}, user.config or {})

local client_id

-- attach attaches the buffer to the one glossary client, starting it
-- first (or again, when it has stopped).
local function attach(bufnr)
  if vim.lsp.start then -- 0.8+ finds the running client itself
    client_id = vim.lsp.start(config, {
      bufnr = bufnr,
      reuse_client = function(client)
        return client.name == 'glossary'
      end,
    })
    return
  end
  local client = client_id and vim.lsp.get_client_by_id(client_id)
  if not client or client.is_stopped() then
    client_id = vim.lsp.start_client(config)
    if not client_id then
      return
    end
  end
  -- Attaching again (:e! runs FileType again) does nothing: Neovim
  -- reopens the document itself.
  vim.lsp.buf_attach_client(bufnr, client_id)
end

vim.api.nvim_create_autocmd('FileType', {
  group = vim.api.nvim_create_augroup('glossary_lsp', { clear = true }),
  pattern = filetypes,
  callback = function(args)
    attach(args.buf)
  end,
})

vim.api.nvim_create_user_command('GlossarySet', function(opts)
  for _, kv in ipairs(opts.fargs) do
    local key, value = kv:match('^([%w_]+)=(.*)$')
    if key == 'typo' or key == 'name' then
      settings.diagnostics = settings.diagnostics or {}
      settings.diagnostics[key] = value
    elseif key == 'role' or key == 'level' then
      settings[key] = value
    else
      vim.notify('GlossarySet: want role=, level=, typo= or name=, got ' .. kv, vim.log.levels.ERROR)
      return
    end
  end
  local client = client_id and vim.lsp.get_client_by_id(client_id)
  if client then
    client.notify('workspace/didChangeConfiguration', { settings = { glossary = settings } })
  end
end, { nargs = '+', desc = 'glossary: change role, level or diagnostics' })
