'use client';

import { useEffect, useId, useState } from 'react';

export type RegionOption = { code: string; name: string; level?: string; path?: string[] };

/** A combobox over /api/regions: type a name, pinyin or initials ("gz"), pick a region. */
export function RegionSearch({
  id,
  onSelect,
  placeholder = '输入地区名、拼音或首字母',
}: {
  id?: string;
  onSelect: (region: RegionOption) => void;
  placeholder?: string;
}) {
  const listId = useId();
  const [text, setText] = useState('');
  const [options, setOptions] = useState<RegionOption[]>([]);
  const [open, setOpen] = useState(false);

  useEffect(() => {
    const q = text.trim();
    // Cleared in the change handler: nothing to fetch.
    if (!q) return;
    const controller = new AbortController();
    const timer = setTimeout(async () => {
      const response = await fetch(`/api/regions?q=${encodeURIComponent(q)}`, { signal: controller.signal }).catch(() => null);
      if (response?.ok) setOptions(((await response.json()) as { regions: RegionOption[] }).regions);
    }, 150);
    return () => {
      clearTimeout(timer);
      controller.abort();
    };
  }, [text]);

  function choose(region: RegionOption) {
    onSelect(region);
    setText('');
    setOptions([]);
    setOpen(false);
  }

  return (
    <div style={{ position: 'relative', display: 'inline-block' }}>
      <input
        id={id}
        role="combobox"
        aria-expanded={open && options.length > 0}
        aria-controls={listId}
        aria-autocomplete="list"
        value={text}
        placeholder={placeholder}
        onChange={(e) => {
          setText(e.target.value);
          if (!e.target.value.trim()) setOptions([]);
          setOpen(true);
        }}
        onKeyDown={(e) => {
          if (e.key === 'Enter' && options[0]) {
            e.preventDefault();
            choose(options[0]);
          }
        }}
        autoComplete="off"
      />
      {open && options.length > 0 && (
        <ul
          id={listId}
          role="listbox"
          style={{
            position: 'absolute',
            zIndex: 10,
            background: '#fff',
            border: '1px solid var(--line)',
            borderRadius: 6,
            listStyle: 'none',
            margin: '2px 0 0',
            padding: 4,
            minWidth: 260,
            maxHeight: 280,
            overflowY: 'auto',
          }}
        >
          {options.map((region) => (
            <li key={region.code} role="option" aria-selected={false}>
              <button
                type="button"
                onClick={() => choose(region)}
                style={{ all: 'unset', cursor: 'pointer', display: 'block', padding: '4px 8px', width: '100%' }}
              >
                {region.path?.join(' / ') ?? region.name}
              </button>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
