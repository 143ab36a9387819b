-- The Neovim side of TestNeovim: a user's init.lua that configures the
-- glossary plugin (editors/neovim/glossary.lua, installed in the test's
-- own ~/.config/nvim/plugin), then drives Neovim as a user would, through
-- Neovim's own LSP client: buf_request_sync, the omnifunc with real keys,
-- vim.lsp.buf.code_action, :e!. Each check writes "ok NAME" or
-- "FAIL NAME<tab>why" to $EDITORTEST_RESULTS; the Go test reads them.
--
-- $EDITORTEST_MODE is "local" (the local index), "remote" (a glossary
-- server at $EDITORTEST_SERVER) or "broken" (a server that cannot start);
-- $EDITORTEST_WORK holds the files.

local mode = os.getenv('EDITORTEST_MODE')
local server = os.getenv('EDITORTEST_SERVER')
local work = os.getenv('EDITORTEST_WORK')
local results = assert(io.open(os.getenv('EDITORTEST_RESULTS'), 'w'))

local opened, exited = {}, {}
local cmd = { 'glossary', 'lsp' }
if mode == 'remote' then
  cmd = { 'glossary', 'lsp', '--server', server }
end
-- What a user may set; the checks below count on it.
vim.g.glossary = {
  cmd = cmd,
  filetypes = { 'markdown', 'text', 'gitcommit', 'go' },
  settings = { diagnostics = { typo = 'warning' } },
  open = function(url)
    table.insert(opened, url)
  end,
  config = {
    on_exit = function(code, signal)
      table.insert(exited, { code = code, signal = signal })
    end,
  },
}

local co

local function sleep(ms)
  vim.defer_fn(function()
    assert(coroutine.resume(co))
  end, ms)
  coroutine.yield()
end

-- wait polls cond until it holds or ms pass, letting Neovim run meanwhile.
local function wait(ms, cond)
  for _ = 1, ms / 20 do
    if cond() then
      return true
    end
    sleep(20)
  end
  return cond()
end

local function expect(cond, ...)
  if not cond then
    error(string.format(...), 0)
  end
end

local function check(name, fn)
  local ok, err = pcall(fn)
  if ok then
    results:write('ok ' .. name .. '\n')
  else
    results:write('FAIL ' .. name .. '\t' .. tostring(err):gsub('\n', ' | ') .. '\n')
  end
  results:flush()
end

local function keys(s)
  vim.api.nvim_feedkeys(vim.api.nvim_replace_termcodes(s, true, false, true), 'n', false)
end

local function client()
  return vim.lsp.get_active_clients()[1]
end

-- request sends a request at the cursor through Neovim's client.
local function request(method, extra)
  local params = vim.lsp.util.make_position_params()
  for k, v in pairs(extra or {}) do
    params[k] = v
  end
  local res, err = vim.lsp.buf_request_sync(0, method, params, 5000)
  expect(res, '%s: no answer (%s)', method, tostring(err))
  for _, r in pairs(res) do
    expect(not r.err, '%s: %s', method, vim.inspect(r.err))
    return r.result
  end
end

-- set puts the cursor at the end of line n (1-based) after writing text
-- there, as a user typing it would leave it.
local function set(n, text)
  vim.api.nvim_buf_set_lines(0, n - 1, n, false, { text })
  vim.api.nvim_win_set_cursor(0, { n, #text })
end

local function items(result)
  return result and (result.items or result) or {}
end

local function diagnostics(pattern)
  local out = {}
  for _, d in ipairs(vim.diagnostic.get(0)) do
    if not pattern or d.message:find(pattern, 1, true) then
      table.insert(out, d)
    end
  end
  return out
end

-- act runs the code action titled title at the cursor, choosing it in
-- vim.ui.select as a user would.
local function act(title)
  local offered = {}
  local select = vim.ui.select
  vim.ui.select = function(choices, opts, on_choice)
    for i, c in ipairs(choices) do
      local t = opts.format_item and opts.format_item(c) or tostring(c)
      table.insert(offered, t)
      if t:find(title, 1, true) then
        vim.ui.select = select
        return on_choice(c, i)
      end
    end
    vim.ui.select = select
    on_choice(nil)
  end
  vim.lsp.buf.code_action()
  expect(wait(3000, function() return #offered > 0 end), 'no code actions offered')
  expect(vim.tbl_filter(function(t) return t:find(title, 1, true) end, offered)[1], '%q not among %s', title, vim.inspect(offered))
end

local function omnicomplete(typed)
  keys('A ' .. typed .. '<C-x><C-o>')
  expect(wait(5000, function() return vim.fn.pumvisible() == 1 end), 'no completion menu for %q', typed)
  return vim.fn.complete_info({ 'items' }).items
end

local function run_local()
  vim.cmd('edit ' .. work .. '/notes.md')
  check('attach on FileType', function()
    expect(vim.bo.filetype == 'markdown', 'filetype %q', vim.bo.filetype)
    expect(wait(10000, function() return #vim.lsp.buf_get_clients(0) == 1 end), 'no client attached')
  end)

  check('diagnostics: a misspelt term at the severity of initializationOptions', function()
    expect(wait(5000, function() return #diagnostics('idempotant') == 1 end), 'diagnostics %s', vim.inspect(vim.diagnostic.get(0)))
    local d = diagnostics('idempotant')[1]
    expect(d.lnum == 2 and d.col == 16 and d.end_col == 26, 'range %d:%d-%d', d.lnum, d.col, d.end_col)
    expect(d.severity == vim.diagnostic.severity.WARN, 'severity %d; want WARN', d.severity)
    expect(d.message == '"idempotant" looks like a misspelling of "idempotent"', 'message %q', d.message)
  end)

  check('diagnostics: a wrong form of a name, a hint', function()
    local d = diagnostics('Github')[1]
    expect(d and d.severity == vim.diagnostic.severity.HINT, 'diagnostics %s', vim.inspect(vim.diagnostic.get(0)))
    expect(#diagnostics('Kubernets') == 0, 'a word in a code block was flagged')
  end)

  check('completion of idemp', function()
    set(5, 'Retries must be idemp')
    local it = items(request('textDocument/completion'))[1]
    expect(it and it.label == 'idempotent', 'first item %s', vim.inspect(it))
    expect(it.textEdit.newText == 'idempotent' and it.insertText == 'idempotent', 'item %s', vim.inspect(it))
    expect(it.textEdit.range.start.character == 16, 'range %s', vim.inspect(it.textEdit.range))
  end)

  check('completion of Idemp at the start of a sentence', function()
    set(5, 'Idemp')
    local it = items(request('textDocument/completion'))[1]
    expect(it and it.textEdit.newText == 'Idempotent' and it.insertText == 'Idempotent' and it.filterText == nil, 'first item %s', vim.inspect(it))
  end)

  check('didChange after an emoji counts UTF-16 units', function()
    set(5, 'naïve 🙂 backpres')
    local it = items(request('textDocument/completion'))[1]
    expect(it and it.label == 'backpressure', 'first item %s', vim.inspect(it))
    -- "naïve 🙂 " is 9 UTF-16 units: ï one, 🙂 two.
    local r = it.textEdit.range
    expect(r.start.character == 9 and r['end'].character == 17, 'range %s', vim.inspect(r))
  end)

  check('hover on backpressure', function()
    vim.api.nvim_win_set_cursor(0, { 4, 6 })
    local h = request('textDocument/hover')
    expect(h and h.contents.kind == 'markdown' and vim.startswith(h.contents.value, '**backpressure** · *noun · C1*'), 'hover %s', vim.inspect(h))
  end)

  check('hover on a two-word term', function()
    vim.api.nvim_win_set_cursor(0, { 4, 35 }) -- on "condition"
    local h = request('textDocument/hover')
    expect(h and vim.startswith(h.contents.value, '**race condition**'), 'hover %s', vim.inspect(h))
    expect(h.range.start.character == 28 and h.range['end'].character == 42, 'range %s', vim.inspect(h.range))
  end)

  check('omnifunc: <C-x><C-o>, then <C-y> inserts the term', function()
    set(5, 'Make it')
    local its = omnicomplete('Idemp')
    expect(its[1] and its[1].word == 'Idempotent' and its[1].info:find('same state', 1, true), 'items %s', vim.inspect(its))
    keys('<C-y><Esc>')
    expect(wait(2000, function() return vim.api.nvim_get_current_line() == 'Make it Idempotent' end), 'line %q', vim.api.nvim_get_current_line())
  end)

  check('quick fix: Replace with idempotent', function()
    vim.api.nvim_win_set_cursor(0, { 3, 18 })
    act("Replace with 'idempotent'")
    expect(wait(2000, function() return vim.api.nvim_buf_get_lines(0, 2, 3, false)[1] == 'Retries must be idempotent on Github.' end),
      'line 3 %q', vim.api.nvim_buf_get_lines(0, 2, 3, false)[1])
    expect(wait(3000, function() return #diagnostics('idempotant') == 0 end), 'the diagnostic stayed')
  end)

  check('code action: Show commonly confused terms', function()
    local shown = {}
    local handler = vim.lsp.handlers['window/showMessage']
    vim.lsp.handlers['window/showMessage'] = function(_, result)
      table.insert(shown, result.message)
    end
    vim.api.nvim_win_set_cursor(0, { 6, 12 }) -- on "latency"
    act('Show commonly confused terms')
    local ok = wait(3000, function() return #shown > 0 end)
    vim.lsp.handlers['window/showMessage'] = handler
    expect(ok and vim.startswith(shown[1], 'latency is often confused with throughput.'), 'shown %s', vim.inspect(shown))
  end)

  check('configuration: :GlossarySet name=off clears the name diagnostics', function()
    vim.cmd('GlossarySet name=off')
    expect(wait(3000, function() return #diagnostics('Github') == 0 end), 'diagnostics %s', vim.inspect(vim.diagnostic.get(0)))
    vim.cmd('GlossarySet name=')
    expect(wait(3000, function() return #diagnostics('Github') == 1 end), 'the default did not come back')
  end)

  check('configuration: :GlossarySet role= ranks the role first', function()
    set(5, 'sta')
    local before = items(request('textDocument/completion'))[1]
    vim.cmd('GlossarySet role=frontend-developer')
    local after = items(request('textDocument/completion'))[1]
    expect(before.label ~= after.label and after.label == 'state', 'first item %s, then %s', before.label, after.label)
    vim.cmd('GlossarySet role=')
  end)

  check(':e! reopens the document in the same client', function()
    set(5, 'unsaved text')
    vim.cmd('edit!')
    expect(vim.api.nvim_buf_get_lines(0, 4, 5, false)[1] == '', 'the file was not reloaded')
    expect(#vim.lsp.get_active_clients() == 1 and #vim.lsp.buf_get_clients(0) == 1, 'clients %d, attached %d',
      #vim.lsp.get_active_clients(), #vim.lsp.buf_get_clients(0))
    expect(wait(5000, function() return #diagnostics('idempotant') == 1 end), 'no diagnostics after :e!')
    set(5, 'Retries must be idemp')
    local it = items(request('textDocument/completion'))[1]
    expect(it and it.label == 'idempotent', 'first item %s', vim.inspect(it))
  end)

  vim.cmd('edit ' .. work .. '/main.go')
  check('Go: completion in comments only', function()
    expect(wait(5000, function() return #vim.lsp.buf_get_clients(0) == 1 end), 'not attached to the Go file')
    vim.api.nvim_win_set_cursor(0, { 3, 23 })
    local it = items(request('textDocument/completion'))[1]
    expect(it and it.label == 'idempotent', 'in the comment %s', vim.inspect(it))
    vim.api.nvim_win_set_cursor(0, { 4, 16 })
    expect(#items(request('textDocument/completion')) == 0, 'completion in code')
    expect(wait(5000, function() return #diagnostics('Postgres SQL') == 1 end), 'diagnostics %s', vim.inspect(vim.diagnostic.get(0)))
    expect(#diagnostics('idempotant') == 0, 'a Go string was checked')
  end)

  vim.cmd('edit ' .. work .. '/COMMIT_EDITMSG')
  check('git commit: the message, not its comments', function()
    expect(vim.bo.filetype == 'gitcommit', 'filetype %q', vim.bo.filetype)
    expect(wait(5000, function() return #diagnostics('backpresure') == 1 end), 'diagnostics %s', vim.inspect(vim.diagnostic.get(0)))
    expect(#vim.diagnostic.get(0) == 1, 'diagnostics %s', vim.inspect(vim.diagnostic.get(0)))
  end)
end

local function run_remote()
  vim.cmd('edit ' .. work .. '/notes.md')
  check('attach on FileType', function()
    expect(wait(10000, function() return #vim.lsp.buf_get_clients(0) == 1 end), 'no client attached')
  end)

  check('omnifunc: the definition comes with the item, without resolve', function()
    set(5, 'Make it')
    local its = omnicomplete('idemp')
    expect(its[1] and its[1].word == 'idempotent', 'items %s', vim.inspect(its))
    expect(its[1].info:find('in the same state', 1, true) and its[1].menu == 'adjective · C1', 'item %s', vim.inspect(its[1]))
    keys('<C-y><Esc>')
    expect(wait(2000, function() return vim.api.nvim_get_current_line() == 'Make it idempotent' end), 'line %q', vim.api.nvim_get_current_line())
  end)

  check('diagnostics with a glossary server', function()
    expect(wait(5000, function() return #diagnostics('idempotant') == 1 end), 'diagnostics %s', vim.inspect(vim.diagnostic.get(0)))
  end)

  check('code action: Explain opens the term page', function()
    vim.api.nvim_win_set_cursor(0, { 4, 6 }) -- on "backpressure"
    act("Explain 'backpressure'")
    expect(wait(3000, function() return #opened > 0 end), 'nothing opened')
    expect(opened[1] == server .. '/terms/backpressure', 'opened %s', vim.inspect(opened))
  end)
end

-- run_broken starts a server that cannot start (the Go test sets a
-- wrong GLOSSARY_LOG_FORMAT): Neovim must say why.
local function run_broken()
  vim.cmd('edit ' .. work .. '/notes.md')
  check('a server that cannot start says why', function()
    local function said()
      return vim.fn.execute('messages'):find('log_format must be text or json', 1, true)
    end
    expect(wait(10000, said), 'messages: %s', vim.fn.execute('messages'))
  end)
end

local runs = { ['local'] = run_local, remote = run_remote, broken = run_broken }

co = coroutine.create(function()
  local ok, err = pcall(runs[mode])
  if not ok then
    results:write('FAIL the script\t' .. tostring(err) .. '\n')
  end
  if mode == 'broken' then
    results:write('done\n')
    results:close()
    vim.cmd('qa!')
    return
  end
  check('clean shutdown', function()
    local c = client()
    expect(c, 'no client')
    c.stop()
    expect(wait(5000, function() return #exited > 0 end), 'the server did not exit')
    expect(exited[1].code == 0 and exited[1].signal == 0, 'exit %s', vim.inspect(exited))
  end)
  results:write('done\n')
  results:close()
  vim.cmd('qa!')
end)

-- Outside of VimEnter's autocommand, so that :edit runs FileType's.
vim.api.nvim_create_autocmd('VimEnter', {
  callback = function()
    vim.schedule(function()
      assert(coroutine.resume(co))
    end)
  end,
})
