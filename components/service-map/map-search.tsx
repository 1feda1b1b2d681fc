"use client";

import { useId, useMemo, useState } from "react";
import { matchServices } from "@/lib/analysis/service-map-search";

interface MapSearchProps {
  /** Every service on the map. */
  names: readonly string[];
  /** A service was picked: centre it. */
  onPick(name: string): void;
}

/** Panel pixels the search box covers from the map's top (top-1.5 + its input), kept clear at fit. */
export const SEARCH_BOX_PX = 36;

/** "Find a service" combobox over the map: Enter (or a click) centres the highlighted match. */
export function MapSearch({ names, onPick }: MapSearchProps) {
  const [query, setQuery] = useState("");
  const [active, setActive] = useState(0);
  const [open, setOpen] = useState(false);
  const listId = useId();
  const matches = useMemo(() => matchServices(names, query), [names, query]);
  const pick = (name: string) => {
    setQuery(name);
    setOpen(false);
    onPick(name);
  };
  const expanded = open && matches.length > 0;
  return (
    <div
      role="presentation"
      className="absolute left-1.5 top-1.5 w-56 text-xs max-md:w-[calc(100%-9.5rem)] max-md:max-w-56"
      onPointerDown={(e) => e.stopPropagation()}
      onClick={(e) => e.stopPropagation()}
    >
      <input
        type="search"
        role="combobox"
        aria-label="Find a service on the map"
        aria-expanded={expanded}
        aria-controls={listId}
        aria-autocomplete="list"
        aria-activedescendant={expanded ? `${listId}-${active}` : undefined}
        placeholder={`Find a service (${names.length})`}
        value={query}
        data-testid="map-search"
        className="w-full rounded border border-slate-300 bg-white/95 px-2 py-1 text-slate-800 max-md:h-10 max-md:text-base shadow-sm placeholder:text-slate-400 focus-visible:outline-2 focus-visible:outline-blue-600 dark:border-slate-700 dark:bg-slate-900/95 dark:text-slate-100 dark:placeholder:text-slate-500"
        onChange={(e) => {
          setQuery(e.target.value);
          setActive(0);
          setOpen(true);
        }}
        onFocus={() => setOpen(true)}
        onBlur={() => setOpen(false)}
        onKeyDown={(e) => {
          if (e.key === "ArrowDown" || e.key === "ArrowUp") {
            e.preventDefault();
            setOpen(true);
            const step = e.key === "ArrowDown" ? 1 : -1;
            setActive((a) => (matches.length ? (a + step + matches.length) % matches.length : 0));
          } else if (e.key === "Enter") {
            e.preventDefault();
            const name = matches[active] ?? matches[0];
            if (name) pick(name);
          } else if (e.key === "Escape") {
            setOpen(false);
          }
        }}
      />
      {expanded && (
        <ul
          id={listId}
          role="listbox"
          aria-label="Matching services"
          className="mt-0.5 max-h-60 overflow-y-auto rounded border border-slate-200 bg-white py-0.5 shadow-md dark:border-slate-700 dark:bg-slate-900"
        >
          {matches.map((name, i) => (
            <li
              key={name}
              id={`${listId}-${i}`}
              role="option"
              aria-selected={i === active}
              className={`cursor-pointer truncate px-2 py-1 ${i === active ? "bg-blue-600 text-white" : "text-slate-700 dark:text-slate-200"}`}
              onPointerEnter={() => setActive(i)}
              // Before the input's blur closes the list.
              onMouseDown={(e) => {
                e.preventDefault();
                pick(name);
              }}
            >
              {name}
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
