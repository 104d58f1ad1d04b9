-- A real LSP session in Neovim's built-in client (0.7): attach
-- corolint-clangd to the file being edited, wait for its first diagnostics,
-- ask for the code actions of every coro-* diagnostic, apply the quick
-- fixes one by one through the client's own WorkspaceEdit code, write the
-- buffer and quit. What happened goes to <file>.lsp for FileCheck:
--
--   DIAG <line>:<col> [<code>] <message>     (1-based, as the editor shows)
--   QUICKFIX <line>:<col> <title>             a quick fix offered for it
--   APPLY <line>:<col> <title>
--   FINAL <line>:<col> [<code>] <message>     what is left after the fixes
--   NO COROLINT DIAGNOSTICS                   clangd published, none were ours
--
-- The server is $COROLINT_CLANGD. Any failure exits with status 1
-- (:cquit) so that a broken session fails the test instead of passing
-- quietly; the lit RUN line adds a hard timeout against hangs.
--
-- Usage: nvim --headless -n -i NONE --noplugin -u lsp-quickfix.lua <file>

local timeout_ms = 60000
local server = assert(os.getenv('COROLINT_CLANGD'), 'COROLINT_CLANGD unset')
local report

local function say(fmt, ...)
  if not report then
    return
  end
  report:write(string.format(fmt, ...), '\n')
  report:flush()
end

local function fail(msg)
  say('FAILED %s', msg)
  io.stderr:write('lsp-quickfix.lua: ', msg, '\n')
  if report then
    report:close()
  end
  vim.cmd('cquit 1')
end

local function main()
  local bufnr = vim.api.nvim_get_current_buf()
  local path = vim.api.nvim_buf_get_name(bufnr)
  if path == '' then
    fail('no file given on the command line')
  end
  report = assert(io.open(path .. '.lsp', 'w'))

  -- Count publications per document version, to tell fresh diagnostics
  -- from those of the text before an edit.
  local published_version = -1
  local publish = vim.lsp.handlers['textDocument/publishDiagnostics']
  vim.lsp.handlers['textDocument/publishDiagnostics'] = function(err, result, ctx, config)
    publish(err, result, ctx, config)
    if vim.uri_to_fname(result.uri) == path then
      published_version = result.version or published_version + 1
    end
  end

  -- Set when the server dies, so that no wait below sits out its timeout.
  local server_exit
  local client_id = vim.lsp.start_client({
    name = 'corolint-clangd',
    cmd = { server, '--log=error', '--background-index=false' },
    root_dir = vim.fn.fnamemodify(path, ':h'),
    on_exit = function(code, signal)
      server_exit = string.format('corolint-clangd exited: code %d signal %d', code, signal)
    end,
  })
  if not client_id then
    fail('could not start ' .. server)
  end
  vim.lsp.buf_attach_client(bufnr, client_id)
  local client = vim.lsp.get_client_by_id(client_id)

  local function corolint_diagnostics()
    local found = {}
    for _, d in ipairs(vim.diagnostic.get(bufnr)) do
      if type(d.code) == 'string' and d.code:match('^coro%-') then
        table.insert(found, d)
      end
    end
    table.sort(found, function(a, b)
      return a.lnum < b.lnum or (a.lnum == b.lnum and a.col < b.col)
    end)
    return found
  end

  local function wait_for_current_diagnostics()
    local version = vim.lsp.util.buf_versions[bufnr] or 0
    local ok = vim.wait(timeout_ms, function()
      return published_version >= version or server_exit ~= nil
    end, 50)
    if server_exit then
      fail(server_exit)
    end
    if not ok then
      fail(string.format('no diagnostics for version %d within %d ms', version, timeout_ms))
    end
  end

  local function where(d)
    return string.format('%d:%d', d.lnum + 1, d.col + 1)
  end

  -- Neovim 0.7 keeps neither the LSP range nor the message of a diagnostic
  -- in user_data.lsp, so the request context is rebuilt from the fields it
  -- does keep (columns are bytes; the test file is ASCII, so also UTF-16).
  local function quick_fixes(d)
    local range = {
      start = { line = d.lnum, character = d.col },
      ['end'] = { line = d.end_lnum, character = d.end_col },
    }
    local params = {
      textDocument = { uri = vim.uri_from_bufnr(bufnr) },
      range = range,
      context = {
        diagnostics = {
          { range = range, message = d.message, code = d.code, source = d.source, severity = d.severity },
        },
      },
    }
    local response, err = client.request_sync('textDocument/codeAction', params, timeout_ms, bufnr)
    if not response then
      fail('textDocument/codeAction: ' .. tostring(err))
    end
    if response.err then
      fail('textDocument/codeAction: ' .. vim.inspect(response.err))
    end
    local fixes = {}
    for _, action in ipairs(response.result or {}) do
      -- clangd answers a client with codeActionLiteralSupport with CodeAction
      -- literals; a fix-it is a quick fix carrying its WorkspaceEdit.
      if action.kind == 'quickfix' then
        if not action.edit then
          fail('quick fix without an edit: ' .. vim.inspect(action))
        end
        table.insert(fixes, action)
      end
    end
    return fixes
  end

  wait_for_current_diagnostics()

  local initial = corolint_diagnostics()
  if #initial == 0 then
    say('NO COROLINT DIAGNOSTICS')
    report:close()
    vim.lsp.stop_client(client_id)
    vim.cmd('qall!')
    return
  end

  for _, d in ipairs(initial) do
    say('DIAG %s [%s] %s', where(d), d.code, d.message)
    for _, fix in ipairs(quick_fixes(d)) do
      say('QUICKFIX %s %s', where(d), fix.title)
    end
  end

  -- Apply one fix at a time: the ranges of the others are stale after an edit.
  for _ = 1, #initial do
    local applied = false
    for _, d in ipairs(corolint_diagnostics()) do
      local fix = quick_fixes(d)[1]
      if fix then
        say('APPLY %s %s', where(d), fix.title)
        vim.lsp.util.apply_workspace_edit(fix.edit, client.offset_encoding or 'utf-16')
        applied = true
        break
      end
    end
    if not applied then
      break
    end
    wait_for_current_diagnostics()
  end

  for _, d in ipairs(corolint_diagnostics()) do
    say('FINAL %s [%s] %s', where(d), d.code, d.message)
  end
  vim.cmd('write')
  say('WRITTEN')
  report:close()
  vim.lsp.stop_client(client_id)
  vim.cmd('qall!')
end

-- Loaded with -u, before the file argument is read into a buffer.
vim.api.nvim_create_autocmd('VimEnter', {
  once = true,
  callback = function()
    local ok, err = xpcall(main, debug.traceback)
    if not ok then
      fail(err)
    end
  end,
})
