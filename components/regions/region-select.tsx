'use client';

import { useState } from 'react';
import { RegionSearch, type RegionOption } from './region-search';

/** One region as a form value (hidden input), e.g. the article table's region filter. */
export function RegionSelect({ id, name, initial }: { id: string; name: string; initial: RegionOption | null }) {
  const [region, setRegion] = useState<RegionOption | null>(initial);
  return (
    <span style={{ display: 'inline-flex', gap: 6, alignItems: 'center' }}>
      <input type="hidden" name={name} value={region?.code ?? ''} />
      {region ? (
        <span className="badge" data-testid="selected-region">
          {region.name}
          <button
            type="button"
            aria-label={`移除地区 ${region.name}`}
            onClick={() => setRegion(null)}
            style={{ all: 'unset', cursor: 'pointer', marginLeft: 6 }}
          >
            ×
          </button>
        </span>
      ) : (
        <RegionSearch id={id} onSelect={setRegion} />
      )}
    </span>
  );
}
