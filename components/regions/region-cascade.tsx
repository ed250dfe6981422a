'use client';

import { useEffect, useId, useState } from 'react';
import type { RegionOption } from './region-search';

type ChildRegion = { code: string; name: string; level: 'PROVINCE' | 'CITY' | 'COUNTY'; path: string[]; hasChildren: boolean };

// The "city" a municipality's counties, or a province's directly administered counties
// (济源市, 仙桃市), are listed under: GB/T 2260 gives them no city.
const DIRECT = 'direct';

// Children lists never change while the app runs: fetch each once per page.
const cache = new Map<string, Promise<ChildRegion[]>>();

function loadChildren(parent: string): Promise<ChildRegion[]> {
  let pending = cache.get(parent);
  if (!pending) {
    pending = fetch(`/api/regions?parent=${encodeURIComponent(parent)}`).then(async (response) => {
      if (!response.ok) throw new Error(`regions ${response.status}`);
      return ((await response.json()) as { regions: ChildRegion[] }).regions;
    });
    // A failed request is tried again next time.
    pending.catch(() => cache.delete(parent));
    cache.set(parent, pending);
  }
  return pending;
}

/** Loads a children list for `parent` (null: nothing to load). */
function useChildren(parent: string | null): { regions: ChildRegion[]; failed: boolean } {
  const [state, setState] = useState<{ parent: string | null; regions: ChildRegion[]; failed: boolean }>({ parent: null, regions: [], failed: false });
  useEffect(() => {
    if (parent === null) return;
    let live = true;
    loadChildren(parent).then(
      (regions) => live && setState({ parent, regions, failed: false }),
      () => live && setState({ parent, regions: [], failed: true }),
    );
    return () => {
      live = false;
    };
  }, [parent]);
  return state.parent === parent ? state : { regions: [], failed: false };
}

const toOption = (r: ChildRegion): RegionOption => ({ code: r.code, name: r.name, level: r.level, path: r.path });

/**
 * Cascading province → city → county selects, loaded level by level from /api/regions, and a
 * button that hands the most specific region chosen to `onSelect`.
 */
export function RegionCascade({ onSelect, buttonLabel = '添加所选地区' }: { onSelect: (region: RegionOption) => void; buttonLabel?: string }) {
  const id = useId();
  const [provinceCode, setProvinceCode] = useState('');
  const [cityValue, setCityValue] = useState('');
  const [countyCode, setCountyCode] = useState('');

  const provinces = useChildren('');
  const provinceChildren = useChildren(provinceCode || null);
  const cities = provinceChildren.regions.filter((r) => r.level === 'CITY');
  const directCounties = provinceChildren.regions.filter((r) => r.level === 'COUNTY');
  const province = provinces.regions.find((p) => p.code === provinceCode);
  const isMunicipality = provinceCode !== '' && cities.length === 0 && directCounties.length > 0;
  // A municipality has nothing to choose at the city level: its counties are listed at once.
  const effectiveCity = isMunicipality ? DIRECT : cityValue;
  const cityCounties = useChildren(effectiveCity && effectiveCity !== DIRECT ? effectiveCity : null);
  const counties = effectiveCity === DIRECT ? directCounties : cityCounties.regions;
  const failed = provinces.failed || provinceChildren.failed || cityCounties.failed;

  const chosen: ChildRegion | undefined = counties.find((c) => c.code === countyCode) ?? cities.find((c) => c.code === effectiveCity) ?? province;

  return (
    <div style={{ display: 'flex', flexWrap: 'wrap', gap: 8, alignItems: 'flex-end' }} role="group" aria-label="按省市区选择地区">
      <div>
        <label htmlFor={`${id}-province`} style={{ marginTop: 0, fontWeight: 400 }}>
          省份
        </label>
        <select
          id={`${id}-province`}
          value={provinceCode}
          onChange={(e) => {
            setProvinceCode(e.target.value);
            setCityValue('');
            setCountyCode('');
          }}
        >
          <option value="">选择省份</option>
          {provinces.regions.map((p) => (
            <option key={p.code} value={p.code}>
              {p.name}
            </option>
          ))}
        </select>
      </div>
      <div>
        <label htmlFor={`${id}-city`} style={{ marginTop: 0, fontWeight: 400 }}>
          城市
        </label>
        <select
          id={`${id}-city`}
          value={effectiveCity}
          disabled={!provinceCode || isMunicipality}
          onChange={(e) => {
            setCityValue(e.target.value);
            setCountyCode('');
          }}
        >
          {isMunicipality ? (
            <option value={DIRECT}>{province?.name ?? ''}（直辖市）</option>
          ) : (
            <>
              <option value="">{provinceCode ? '选择城市（可不选）' : '先选省份'}</option>
              {cities.map((c) => (
                <option key={c.code} value={c.code}>
                  {c.name}
                </option>
              ))}
              {directCounties.length > 0 && <option value={DIRECT}>省直辖县级行政区</option>}
            </>
          )}
        </select>
      </div>
      <div>
        <label htmlFor={`${id}-county`} style={{ marginTop: 0, fontWeight: 400 }}>
          区县
        </label>
        <select id={`${id}-county`} value={countyCode} disabled={counties.length === 0} onChange={(e) => setCountyCode(e.target.value)}>
          <option value="">{counties.length ? '选择区县（可不选）' : '先选城市'}</option>
          {counties.map((c) => (
            <option key={c.code} value={c.code}>
              {c.name}
            </option>
          ))}
        </select>
      </div>
      <button type="button" className="button" disabled={!chosen} onClick={() => chosen && onSelect(toOption(chosen))}>
        {buttonLabel}
      </button>
      {failed && (
        <span className="alert error" role="alert" style={{ margin: 0 }}>
          地区列表加载失败，请刷新页面重试
        </span>
      )}
    </div>
  );
}
