-- glossary language server for Neovim's built-in LSP client: completion and
-- hover for IT English terms in Markdown, plain text and git commit messages.
-- Copy into ~/.config/nvim/plugin/glossary.lua (or paste into init.lua).
-- Needs `glossary` on PATH (or set cmd[1] to its full path). Neovim 0.8+.

local filetypes = { 'markdown', 'text', 'gitcommit' }

-- To ask a shared glossary server instead of a local index, add
-- '--server', 'https://glossary.example.com'; to choose where the local
-- index lives, '--data', '/path/to/index'.
local cmd = { 'glossary', 'lsp' }

-- glossary reads ./config.yaml and keeps its index in ./data by default, so
-- the server runs in a folder of its own rather than in your project.
local cmd_cwd = vim.fn.stdpath('cache') .. '/glossary'
vim.fn.mkdir(cmd_cwd, 'p')

if vim.fn.has('nvim-0.11') == 1 then
  -- Neovim 0.11+: declare the server once, enable it for its filetypes.
  vim.lsp.config('glossary', {
    cmd = cmd,
    cmd_cwd = cmd_cwd,
    filetypes = filetypes,
    root_markers = { '.git' },
  })
  vim.lsp.enable('glossary')
else
  -- Neovim 0.8 to 0.10: start (or reuse) the server when such a buffer opens.
  vim.api.nvim_create_autocmd('FileType', {
    group = vim.api.nvim_create_augroup('glossary_lsp', { clear = true }),
    pattern = filetypes,
    callback = function(args)
      local root
      if vim.fs.root then -- 0.10+
        root = vim.fs.root(args.buf, { '.git' })
      else
        local name = vim.api.nvim_buf_get_name(args.buf)
        local git = name ~= '' and vim.fs.find('.git', { upward = true, path = vim.fs.dirname(name) })[1]
        root = git and vim.fs.dirname(git)
      end
      vim.lsp.start({
        name = 'glossary',
        cmd = cmd,
        cmd_cwd = cmd_cwd,
        root_dir = root or vim.fn.getcwd(),
      }, { bufnr = args.buf })
    end,
  })
end
