;;; glossary.el --- glossary lsp in Emacs with eglot  -*- lexical-binding: t -*-

;; Completion, hover and the terminology checker (diagnostics in Flymake,
;; quick fixes and the code actions "Explain" and "Show commonly confused
;; terms", with M-x eglot-code-actions) for IT English terms, from
;; `glossary lsp'.  Load it from your init file,
;;
;;   (load "/path/to/glossary/editors/emacs/glossary.el")
;;
;; or paste it there.  It needs `glossary' on PATH.  editors/editortest
;; runs it in Emacs 28.2 with eglot 1.9 (Debian 12's emacs-nox and
;; elpa-eglot), with and without markdown-mode (elpa-markdown-mode).

(with-eval-after-load 'eglot
  ;; markdown-mode, and gfm-mode, which derives from it.  eglot runs one
  ;; server per buffer, so glossary takes the place of marksman there.
  (add-to-list 'eglot-server-programs
               '((markdown-mode :language-id "markdown") . ("glossary" "lsp")))
  ;; text-mode: added last, so that modes derived from it that have a
  ;; server of their own (LaTeX's digestif or texlab) keep it.  Org, rst
  ;; and mail buffers get glossary only when you start eglot there by
  ;; hand; the server reads them as prose too.
  (add-to-list 'eglot-server-programs
               '((text-mode :language-id "plaintext") . ("glossary" "lsp"))
               t)
  ;; Settings, sent as workspace/didChangeConfiguration: a role whose
  ;; terms completion offers first, the writer's CEFR level, and each
  ;; diagnostic's severity ("hint", "information", "warning", "error") or
  ;; :json-false for off.  Change them later with
  ;; M-x eglot-signal-didChangeConfiguration.
  (setq-default eglot-workspace-configuration
                (plist-put (default-value 'eglot-workspace-configuration)
                           :glossary '(:diagnostics (:typo "information" :name "hint")))))

(add-hook 'markdown-mode-hook #'eglot-ensure)

(defun glossary-eglot-in-text-mode ()
  "Start eglot in `text-mode' buffers, not in the modes derived from it."
  (when (eq major-mode 'text-mode)
    (eglot-ensure)))

(add-hook 'text-mode-hook #'glossary-eglot-in-text-mode)

;;; glossary.el ends here
