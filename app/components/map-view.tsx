/**
 * A server-drawn map: basemap tiles (when configured) under ECharts' SVG of boundaries and colours,
 * with the points on top as links. Works without JavaScript; every point is reachable by keyboard
 * and named for screen readers, and the list below the map offers the same links.
 */
import { Link } from '@remix-run/react';
import type { MapControls, MapLegendItem, MapPopup, MapViewData } from '~/lib/geo/map-view';
import { useFormatters, useT } from './i18n';

export function MapFigure({ map, controls }: { map: MapViewData; controls: MapControls | null }) {
  const t = useT();
  const format = useFormatters();
  return (
    <figure className="mt-4">
      <div className="relative w-full overflow-hidden rounded-lg border border-slate-300 bg-white" style={{ aspectRatio: `${map.width} / ${map.height}` }}>
        {map.tiles.length > 0 ? (
          <svg aria-hidden="true" focusable="false" className="absolute inset-0 h-full w-full" viewBox={`0 0 ${map.width} ${map.height}`} preserveAspectRatio="xMidYMid meet">
            {map.tiles.map((tile) => (
              <image key={tile.href} href={tile.href} x={tile.x} y={tile.y} width={tile.size} height={tile.size} />
            ))}
          </svg>
        ) : null}
        <div dangerouslySetInnerHTML={{ __html: map.svg }} />
        <svg role="group" aria-label={map.label} className="absolute inset-0 h-full w-full" viewBox={`0 0 ${map.width} ${map.height}`} preserveAspectRatio="xMidYMid meet">
          {map.markers.map((m, i) => (
            <a key={`${m.href}-${i}`} href={m.href} aria-label={m.label} className="group" data-count={m.count}>
              <title>{m.label}</title>
              <circle cx={m.x} cy={m.y} r={m.r} fill={m.colour} fillOpacity={0.88} stroke={m.selected ? '#111827' : '#ffffff'} strokeWidth={m.selected ? 3 : 1.5} className="group-hover:stroke-slate-900 group-focus-visible:stroke-slate-900 group-focus-visible:[stroke-width:4px]" />
              {m.count > 1 ? (
                <text x={m.x} y={m.y + 4} textAnchor="middle" fontSize={11} fill="#ffffff" className="pointer-events-none">
                  {format.number(m.count)}
                </text>
              ) : null}
            </a>
          ))}
        </svg>
      </div>
      <figcaption className="sr-only">{map.label}</figcaption>
      {controls ? (
        <nav aria-label={t('map.controls.label')} className="mt-2 flex flex-wrap gap-2 text-sm">
          {(
            [
              ['zoomIn', controls.zoomIn],
              ['zoomOut', controls.zoomOut],
              ['north', controls.north],
              ['south', controls.south],
              ['west', controls.west],
              ['east', controls.east],
              ['reset', controls.reset],
            ] as const
          ).map(([key, href]) => (
            <Link key={key} to={href} preventScrollReset className="rounded border border-slate-300 bg-white px-3 py-1 text-slate-800 hover:bg-slate-100">
              {t(`map.controls.${key}`)}
            </Link>
          ))}
        </nav>
      ) : null}
    </figure>
  );
}

export function MapLegend({ items }: { items: MapLegendItem[] }) {
  const t = useT();
  if (items.length === 0) return null;
  return (
    <section aria-labelledby="map-legend" className="mt-4">
      <h2 id="map-legend" className="text-base font-semibold text-slate-900">
        {t('map.legend.heading')}
      </h2>
      <ul className="mt-2 space-y-1 text-sm text-slate-700">
        {items.map((item) => (
          <li key={`${item.shape}-${item.label}`} className="flex items-center gap-2">
            <svg aria-hidden="true" width="16" height="16" viewBox="0 0 16 16">
              {item.shape === 'point' ? <circle cx="8" cy="8" r="6" fill={item.colour} /> : item.shape === 'area' ? <rect x="1" y="1" width="14" height="14" fill={item.colour} /> : <rect x="1.5" y="1.5" width="13" height="13" fill="none" stroke={item.colour} strokeWidth="1.5" />}
            </svg>
            <span>
              {item.label}
              {item.detail ? <span className="text-slate-600"> · {item.detail}</span> : null}
            </span>
          </li>
        ))}
      </ul>
    </section>
  );
}

export function MapPopupPanel({ popup }: { popup: MapPopup }) {
  const t = useT();
  return (
    <section aria-labelledby="map-popup" className="mt-4 rounded-lg border border-brand-600 bg-white p-4 shadow-sm">
      <div className="flex items-start justify-between gap-4">
        <h2 id="map-popup" className="text-lg font-semibold text-slate-900">
          {popup.title}
        </h2>
        <Link to={popup.closeHref} preventScrollReset className="text-sm">
          {t('map.popup.close')}
        </Link>
      </div>
      <dl className="mt-2 grid grid-cols-1 gap-x-6 gap-y-1 text-sm sm:grid-cols-2">
        {popup.fields.map((field) => (
          <div key={field.label} className="flex gap-2">
            <dt className="font-medium text-slate-600">{field.label}</dt>
            <dd className="text-slate-900">{field.value || '—'}</dd>
          </div>
        ))}
      </dl>
      <p className="mt-2 text-sm">
        <Link to={popup.rowHref}>{t('map.popup.inTable')}</Link>
      </p>
    </section>
  );
}

/** The map's points as a list of links: what the map shows, for keyboard and screen-reader users. */
export function MapPointList({ map }: { map: MapViewData }) {
  const t = useT();
  if (map.markers.length === 0) return <p className="mt-3 text-sm text-slate-600">{t('map.list.empty')}</p>;
  return (
    <details className="mt-3">
      <summary className="cursor-pointer text-sm text-brand-700">{t('map.list.summary', { count: map.markers.length })}</summary>
      <ul className="mt-2 columns-1 text-sm sm:columns-2">
        {map.markers.slice(0, 200).map((m, i) => (
          <li key={`${m.href}-${i}`}>
            <Link to={m.href} preventScrollReset>
              {m.label}
            </Link>
          </li>
        ))}
      </ul>
    </details>
  );
}
