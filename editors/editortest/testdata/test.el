;;; test.el --- the Emacs side of TestEmacs  -*- lexical-binding: t -*-

;; Loads the set-up under test (editors/emacs/glossary.el, in
;; $EDITORTEST_SETUP) as a user's init file would, then drives Emacs and
;; eglot as a user would: eglot-ensure, eglot-completion-at-point,
;; completion-at-point, hover, Flymake's diagnostics, eglot-code-actions.
;; Each check writes "ok NAME" or "FAIL NAME<tab>why" to
;; $EDITORTEST_RESULTS; the Go test reads them.  $EDITORTEST_MODE is
;; "text" (a text-mode buffer, markdown-mode not installed), "markdown"
;; (a markdown-mode buffer) or "broken" (a server that cannot start).

(require 'cl-lib)
(require 'subr-x)

(defvar test-mode (getenv "EDITORTEST_MODE"))
(defvar test-work (getenv "EDITORTEST_WORK"))
(defvar test-results (getenv "EDITORTEST_RESULTS"))

;; Without markdown-mode, as for a user who has not installed it: eglot
;; then asks for plain-text hovers.
(unless (equal test-mode "markdown")
  (setq package-load-list '((markdown-mode nil) all)))
(package-initialize)
(load (getenv "EDITORTEST_SETUP") nil t)
(require 'eglot)

(defun test-write (line)
  (write-region (concat line "\n") nil test-results 'append 'silent))

(defmacro test-check (name &rest body)
  "Run BODY as the check NAME: it fails when BODY signals."
  (declare (indent 1))
  `(condition-case err
       (progn ,@body (test-write (concat "ok " ,name)))
     (error (test-write (format "FAIL %s\t%s" ,name
                                (replace-regexp-in-string "\n" " | " (error-message-string err)))))))

(defun test-expect (ok format-string &rest args)
  (unless ok (apply #'error format-string args)))

(defun test-wait (seconds pred)
  "Let Emacs run until PRED holds or SECONDS pass; return PRED's value."
  (let ((end (+ (float-time) seconds)))
    (while (and (not (funcall pred)) (< (float-time) end))
      (accept-process-output nil 0.05))
    (funcall pred)))

(defun test-goto (line col)
  "Move to LINE (1-based) and COL (0-based)."
  (goto-char (point-min))
  (forward-line (1- line))
  (move-to-column col))

(defun test-set (line text)
  "Replace LINE (1-based) by TEXT and leave point at its end, as typing it would."
  (test-goto line 0)
  (delete-region (line-beginning-position) (line-end-position))
  (insert text))

(defun test-sync ()
  "Send the changes eglot sends when Emacs is idle, which it never is here."
  (eglot--signal-textDocument/didChange))

(defun test-candidates ()
  "What completion-at-point would offer at point, through eglot's function."
  (pcase-let ((`(,beg ,end ,table . ,_) (eglot-completion-at-point)))
    (all-completions (buffer-substring-no-properties beg end) table)))

(defun test-diagnostics (&optional text)
  (cl-remove-if-not (lambda (d) (or (not text) (string-match-p (regexp-quote text) (flymake-diagnostic-text d))))
                    (flymake-diagnostics)))

(defvar test-shown nil "Messages the server showed (window/showMessage).")
(cl-defmethod eglot-handle-notification :before
  (_server (_method (eql window/showMessage)) &key message &allow-other-keys)
  (push message test-shown))

(defun test-act (title)
  "Run the code action TITLE at point, choosing it as a user would."
  (let ((last-nonmenu-event 13) offered)
    (cl-letf (((symbol-function 'completing-read)
               (lambda (_prompt items &rest _)
                 (setq offered (mapcar #'car items))
                 (or (cl-find title offered :test #'string=)
                     (error "%S not among %S" title offered)))))
      (eglot-code-actions (point) nil nil t))))

(defun test-run-broken ()
  "A server that cannot start (a wrong GLOSSARY_LOG_FORMAT): eglot must say why.
With its default `eglot-sync-connect' of 3, eglot 1.9 waits for the
initialize answer only until the first output of any process: on a
loaded machine the showMessage notification comes first, and the error
then surfaces later, from the process filter, which batch Emacs treats
as fatal.  A user sees the reason in the echo area either way; the check
binds `eglot-sync-connect' to t so that it always comes in the command."
  (find-file (expand-file-name "notes.txt" test-work))
  (test-check "a server that cannot start says why"
    (let ((said (condition-case err
                    (let ((eglot-sync-connect t)) (run-hooks 'post-command-hook) nil)
                  (error (error-message-string err)))))
      (test-expect (and said (string-match-p "log_format must be text or json" said)) "eglot said %S" said)
      (test-expect (cl-some (lambda (m) (string-match-p "log_format must be text or json" m)) test-shown)
                   "shown %S" test-shown))))

(defun test-run ()
  (find-file (expand-file-name (if (equal test-mode "markdown") "notes.md" "notes.txt") test-work))
  (run-hooks 'post-command-hook) ; eglot-ensure connects after a command
  (test-check "eglot-ensure"
    (test-expect (eq major-mode (if (equal test-mode "markdown") 'markdown-mode 'text-mode)) "major mode %s" major-mode)
    (test-expect (test-wait 20 #'eglot-current-server) "no server"))
  (let ((server (eglot-current-server)))
    (test-check "diagnostics in Flymake"
      (test-expect (test-wait 10 (lambda () (test-diagnostics "idempotant"))) "diagnostics %S" (flymake-diagnostics))
      (let ((d (car (test-diagnostics "idempotant"))))
        (test-expect (equal (flymake-diagnostic-text d) "glossary [typo]: \"idempotant\" looks like a misspelling of \"idempotent\"")
                     "text %S" (flymake-diagnostic-text d))
        (test-expect (= (flymake-diagnostic-beg d) (progn (test-goto 3 16) (point))) "position %S" (flymake-diagnostic-beg d)))
      (test-expect (test-diagnostics "Github") "no diagnostic for Github: %S" (flymake-diagnostics))
      (when (equal test-mode "markdown")
        (test-expect (null (test-diagnostics "Kubernets")) "a code block was checked: %S" (flymake-diagnostics))))

    (test-check "candidates of eglot-completion-at-point, lower case"
      (test-set 5 "Retries must be idemp")
      (let ((c (test-candidates)))
        (test-expect (member "idempotent" c) "candidates %S" c)))

    (test-check "candidates of eglot-completion-at-point, a capital at the start of a sentence"
      (test-set 5 "Idemp")
      (let ((c (test-candidates)))
        (test-expect (member "Idempotent" c) "candidates %S" c)))

    (test-check "completion-at-point inserts the term"
      (test-set 5 "Add backpressu")
      (let ((completion-cycle-threshold t))
        (completion-at-point))
      (let ((line (buffer-substring-no-properties (line-beginning-position) (line-end-position))))
        (test-expect (equal line "Add backpressure") "line %S" line)))

    (test-check "hover through :textDocument/hover"
      (test-goto 4 6)
      (let* ((h (jsonrpc-request server :textDocument/hover (eglot--TextDocumentPositionParams)))
             (contents (plist-get h :contents)))
        (if (equal test-mode "markdown")
            (test-expect (and (equal (plist-get contents :kind) "markdown")
                              (string-prefix-p "**backpressure** · *noun · C1*" (plist-get contents :value)))
                         "hover %S" h)
          (test-expect (and (equal (plist-get contents :kind) "plaintext")
                            (string-prefix-p "backpressure · noun · C1\n\nA way for a slower part of a system" (plist-get contents :value)))
                       "hover %S" h))))

    (test-check "quick fix with eglot-code-actions"
      (test-goto 3 18)
      (test-act "Replace with 'idempotent'")
      (let ((line (progn (test-goto 3 0) (buffer-substring-no-properties (point) (line-end-position)))))
        (test-expect (equal line "Retries must be idempotent on Github.") "line %S" line))
      (test-sync)
      (test-expect (test-wait 5 (lambda () (null (test-diagnostics "idempotant")))) "the diagnostic stayed"))

    (test-check "code action: Show commonly confused terms"
      (setq test-shown nil)
      (test-goto 6 12)
      (test-act "Show commonly confused terms")
      (test-expect (test-wait 5 (lambda () test-shown)) "nothing shown")
      (test-expect (string-prefix-p "latency is often confused with throughput." (car test-shown)) "shown %S" test-shown))

    (test-check "configuration: eglot-workspace-configuration and didChangeConfiguration"
      (setq-default eglot-workspace-configuration '(:glossary (:diagnostics (:name :json-false))))
      (eglot-signal-didChangeConfiguration server)
      (test-expect (test-wait 5 (lambda () (null (test-diagnostics "Github")))) "diagnostics %S" (flymake-diagnostics))
      (test-set 5 "sta")
      (test-expect (equal (car (test-candidates)) "stack") "first candidate %S" (car (test-candidates)))
      (setq-default eglot-workspace-configuration '(:glossary (:role "frontend-developer")))
      (eglot-signal-didChangeConfiguration server)
      (test-expect (equal (car (test-candidates)) "state") "with the role, first candidate %S" (car (test-candidates))))

    (when (equal test-mode "text")
      (test-check "text-mode only: Org and LaTeX buffers keep their own servers"
        (with-current-buffer (find-file-noselect (expand-file-name "notes.org" test-work))
          (run-hooks 'post-command-hook)
          (test-expect (null (eglot-current-server)) "eglot started in %s" major-mode))
        (test-expect (not (equal (nth 2 (eglot--lookup-mode 'latex-mode)) '("glossary" "lsp")))
                     "latex-mode would get %S" (eglot--lookup-mode 'latex-mode))))

    ;; eglot-shutdown sends shutdown and exit, then kills the process at
    ;; once (jsonrpc 1.0.14): the same messages here, and a wait.
    (test-check "shutdown and exit: the server exits 0"
      (let ((process (jsonrpc--process server)))
        (setf (eglot--shutdown-requested server) t)
        (test-expect (null (jsonrpc-request server :shutdown nil :timeout 5)) "shutdown answered with a result")
        (jsonrpc-notify server :exit nil)
        (test-expect (test-wait 10 (lambda () (not (process-live-p process)))) "the server did not exit")
        (test-expect (eq (process-exit-status process) 0) "exit status %S" (process-exit-status process))))))

(condition-case err
    (if (equal test-mode "broken") (test-run-broken) (test-run))
  (error (test-write (format "FAIL the script\t%s" (error-message-string err)))))
(test-write "done")
(kill-emacs 0)
