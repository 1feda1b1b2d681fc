"use client";

import { useCallback, useEffect, useId, useRef, useState, type KeyboardEvent } from "react";
import { keyLabel, shortcutsByScope } from "@/lib/client/shortcuts";
import { useShortcuts } from "@/lib/client/use-shortcuts";

const FOCUSABLE = 'a[href], button:not([disabled]), input:not([disabled]), select:not([disabled]), textarea:not([disabled]), [tabindex]:not([tabindex="-1"])';

/**
 * The header's "?" button and the help it opens (also with the `?` key, on every page): every
 * shortcut of lib/client/shortcuts.ts, grouped by where it works. A modal dialog: focus moves into
 * it and stays there (Tab cycles), Esc or a click outside closes it, and focus returns where it was.
 */
export function ShortcutsHelp() {
  const [open, setOpen] = useState(false);
  const opener = useRef<HTMLElement | null>(null);
  const show = useCallback(() => {
    opener.current = document.activeElement instanceof HTMLElement ? document.activeElement : null;
    setOpen(true);
  }, []);
  const close = useCallback(() => {
    setOpen(false);
    opener.current?.focus();
  }, []);
  useShortcuts("global", { help: show });
  return (
    <>
      <button
        type="button"
        data-testid="shortcuts-button"
        aria-haspopup="dialog"
        aria-label="Keyboard shortcuts"
        title="Keyboard shortcuts (?)"
        onClick={show}
        className="rounded px-2 py-1 font-mono text-xs text-slate-600 hover:bg-slate-100 dark:text-slate-300 dark:hover:bg-slate-800 max-md:min-h-10 max-md:px-3"
      >
        ?
      </button>
      {open && <HelpDialog onClose={close} />}
    </>
  );
}

function HelpDialog({ onClose }: { onClose(): void }) {
  const titleId = useId();
  const dialog = useRef<HTMLDivElement>(null);
  const closeButton = useRef<HTMLButtonElement>(null);
  useEffect(() => closeButton.current?.focus(), []);

  const onKeyDown = (e: KeyboardEvent<HTMLDivElement>) => {
    if (e.key === "Escape") {
      e.preventDefault();
      onClose();
      return;
    }
    if (e.key !== "Tab" || !dialog.current) return;
    const focusable = [...dialog.current.querySelectorAll<HTMLElement>(FOCUSABLE)];
    if (focusable.length === 0) return;
    const first = focusable[0];
    const last = focusable[focusable.length - 1];
    if (e.shiftKey && document.activeElement === first) {
      e.preventDefault();
      last.focus();
    } else if (!e.shiftKey && document.activeElement === last) {
      e.preventDefault();
      first.focus();
    }
  };

  return (
    <div
      role="presentation"
      className="fixed inset-0 z-50 flex items-start justify-center overflow-y-auto bg-black/40 p-3 pt-16 max-md:pt-6"
      onClick={(e) => e.target === e.currentTarget && onClose()}
      onKeyDown={onKeyDown}
    >
      <div
        ref={dialog}
        role="dialog"
        aria-modal="true"
        aria-labelledby={titleId}
        data-testid="shortcuts-help"
        className="w-[30rem] max-w-full rounded-lg border border-slate-200 bg-white p-4 text-sm text-slate-900 shadow-xl dark:border-slate-700 dark:bg-slate-900 dark:text-slate-100"
      >
        <div className="mb-3 flex items-center gap-2">
          <h2 id={titleId} className="text-base font-semibold">
            Keyboard shortcuts
          </h2>
          <button
            ref={closeButton}
            type="button"
            onClick={onClose}
            aria-label="Close"
            className="ml-auto rounded px-2 py-1 text-slate-600 hover:bg-slate-100 dark:text-slate-300 dark:hover:bg-slate-800 max-md:min-h-10 max-md:px-3"
          >
            ✕
          </button>
        </div>
        {shortcutsByScope().map((group) => (
          <section key={group.scope} className="mb-3 last:mb-0" aria-labelledby={`${titleId}-${group.scope}`}>
            <h3 id={`${titleId}-${group.scope}`} className="mb-1 text-xs font-semibold uppercase tracking-wide text-slate-600 dark:text-slate-400">
              {group.label}
            </h3>
            <dl className="divide-y divide-slate-100 dark:divide-slate-800">
              {group.shortcuts.map((s) => (
                <div key={s.action} data-testid="shortcut" data-action={s.action} className="flex items-center gap-3 py-1.5">
                  <dt className="flex shrink-0 gap-1">
                    {s.keys.map((k, i) => (
                      <span key={k} className="flex items-center gap-1">
                        {i > 0 && <span className="text-xs text-slate-500 dark:text-slate-400">or</span>}
                        <kbd className="min-w-7 rounded border border-slate-300 bg-slate-50 px-1.5 py-0.5 text-center font-mono text-xs text-slate-800 shadow-[0_1px_0_rgb(0_0_0/0.15)] dark:border-slate-600 dark:bg-slate-800 dark:text-slate-100">
                          {keyLabel(k)}
                        </kbd>
                      </span>
                    ))}
                  </dt>
                  <dd className="text-slate-700 dark:text-slate-300">{s.label}</dd>
                </div>
              ))}
            </dl>
          </section>
        ))}
      </div>
    </div>
  );
}
