/**
 * Draws maps on the server, like the charts (see docs/decisions/011-charts-and-maps.md): ECharts
 * renders boundaries and choropleth colours to SVG in a Web Mercator projection, and the points
 * are placed over it as links (a single point opens its row, a cluster zooms in), so a map works
 * without JavaScript, from the keyboard and with a screen reader. With MAP_TILE_URL set, basemap
 * tiles are laid under the drawing at the zoom level that matches it.
 */
import * as echarts from 'echarts';
import { config } from '~/config.server';
import { CHART_FONT } from '~/lib/charts/echarts-options';
import type { MapMarker, MapTile, MapViewData } from '~/lib/geo/map-view';
import { inverseMercatorY, mercatorY, type Bbox } from '~/lib/geo/viewport';
import type { BoundaryFeature } from '~/models/boundaries.server';

export const MAP_SIZE = { width: 960, height: 640 };

export interface MapPoint {
  lng: number;
  lat: number;
  count: number;
  href: string;
  label: string;
  selected?: boolean;
}

export interface MapScene {
  bbox: Bbox;
  label: string;
  /** Boundaries drawn as outlines or, with values, coloured by them. */
  boundaries: { features: BoundaryFeature[]; values?: Map<number, number>; measure?: string; noData?: string } | null;
  points: { colour: string; points: MapPoint[] }[];
  number: (value: number) => string;
}

const registered = new Set<string>();

/** ECharts keeps maps by name; a boundary set is registered once per content. */
function registerBoundaries(features: readonly BoundaryFeature[]): string {
  const first = features[0];
  const name = first ? `b${features.length}-${first.position}-${first.bbox.join(',')}-${features[features.length - 1]?.bbox.join(',')}` : 'world';
  if (!registered.has(name)) {
    // Without boundaries the map is one frame around the world: ECharts' projected geo needs a shape.
    const world = { type: 'Feature', properties: { name: 'world' }, geometry: { type: 'Polygon', coordinates: [[[-180, -85], [180, -85], [180, 85], [-180, 85], [-180, -85]]] } };
    echarts.registerMap(name, {
      type: 'FeatureCollection',
      features: first ? features.map((f) => ({ type: 'Feature', properties: { name: `f${f.position}` }, geometry: { type: 'MultiPolygon', coordinates: f.geometry } })) : [world],
    } as unknown as Parameters<typeof echarts.registerMap>[1]);
    registered.add(name);
  }
  return name;
}

const projection = {
  project: ([lng, lat]: number[]) => [lng as number, -mercatorY(lat as number)],
  unproject: ([x, y]: number[]) => [x as number, inverseMercatorY(-(y as number))],
};

function markerRadius(count: number): number {
  return count === 1 ? 7 : Math.min(26, 11 + 4 * Math.log10(count));
}

/** Web Mercator tiles covering the drawing, at the zoom whose tiles are closest to 256 pixels. */
function basemapTiles(template: string, toPixel: (lng: number, lat: number) => [number, number], size: { width: number; height: number }): MapTile[] {
  const [x0, y0] = toPixel(-180, 0);
  const [x1] = toPixel(180, 0);
  const worldWidth = x1 - x0;
  if (!(worldWidth > 0)) return [];
  const zoom = Math.max(0, Math.min(18, Math.round(Math.log2(worldWidth / 256))));
  const n = 2 ** zoom;
  const tile = worldWidth / n;
  // The equator's y is the middle of the world square.
  const top = y0 - worldWidth / 2;
  const firstX = Math.max(0, Math.floor((0 - x0) / tile));
  const lastX = Math.min(n - 1, Math.floor((size.width - x0) / tile));
  const firstY = Math.max(0, Math.floor((0 - top) / tile));
  const lastY = Math.min(n - 1, Math.floor((size.height - top) / tile));
  const tiles: MapTile[] = [];
  for (let tx = firstX; tx <= lastX && tiles.length < 64; tx += 1) {
    for (let ty = firstY; ty <= lastY && tiles.length < 64; ty += 1) {
      tiles.push({ href: template.replaceAll('{z}', String(zoom)).replaceAll('{x}', String(tx)).replaceAll('{y}', String(ty)), x: x0 + tx * tile, y: top + ty * tile, size: tile });
    }
  }
  return tiles;
}

export function drawMap(scene: MapScene, size = MAP_SIZE): MapViewData {
  const [minLng, minLat, maxLng, maxLat] = scene.bbox;
  const features = scene.boundaries?.features ?? [];
  const values = scene.boundaries?.values;
  const tileTemplate = config().mapTileUrl;
  const mapName = registerBoundaries(features);
  const names = new Map(features.map((f) => [`f${f.position}`, f.name ?? f.code ?? '']));
  const valueList = values ? [...values.values()] : [];
  const option: Record<string, unknown> = {
    animation: false,
    textStyle: { fontFamily: CHART_FONT, color: '#334155' },
    geo: {
      map: mapName,
      roam: false,
      projection,
      boundingCoords: [
        [minLng, maxLat],
        [maxLng, minLat],
      ],
      layoutCenter: ['50%', '50%'],
      layoutSize: '100%',
      silent: true,
      label: { show: features.length <= 60, color: '#0f172a', textBorderColor: '#ffffff', textBorderWidth: 3, fontSize: 12, formatter: (p: { name: string }) => names.get(p.name) ?? '' },
      itemStyle: { areaColor: tileTemplate ? 'rgba(255,255,255,0.15)' : '#f8fafc', borderColor: features.length > 0 ? '#64748b' : 'transparent', borderWidth: 1 },
    },
    series: values
      ? [
          {
            type: 'map',
            geoIndex: 0,
            data: features.map((f) => ({ name: `f${f.position}`, value: values.get(f.position) ?? null })),
          },
        ]
      : [],
  };
  if (values && valueList.length > 0) {
    const min = Math.min(...valueList);
    const max = Math.max(...valueList);
    option.visualMap = {
      type: 'continuous',
      min,
      max: max > min ? max : min + 1,
      left: 12,
      bottom: 12,
      calculable: false,
      text: [scene.number(max), scene.number(min)],
      textStyle: { color: '#1e293b', fontFamily: CHART_FONT },
      inRange: { color: ['#dbeafe', '#1d4ed8', '#172554'] },
      outOfRange: { color: '#e2e8f0' },
    };
  }
  const chart = echarts.init(null, null, { renderer: 'svg', ssr: true, width: size.width, height: size.height });
  try {
    chart.setOption(option);
    const toPixel = (lng: number, lat: number) => chart.convertToPixel({ geoIndex: 0 }, [lng, lat]) as unknown as [number, number];
    const markers: MapMarker[] = [];
    for (const layer of scene.points) {
      for (const point of layer.points) {
        const [x, y] = toPixel(point.lng, point.lat);
        if (!Number.isFinite(x) || !Number.isFinite(y) || x < -5 || y < -5 || x > size.width + 5 || y > size.height + 5) continue;
        markers.push({ x: Math.round(x * 10) / 10, y: Math.round(y * 10) / 10, r: markerRadius(point.count), colour: layer.colour, count: point.count, href: point.href, label: point.label, ...(point.selected ? { selected: true } : {}) });
      }
    }
    const svg = chart
      .renderToSVGString()
      .replace(/<style[\s\S]*?<\/style>/g, '')
      .replace(/^<svg width="\d+" height="\d+"/, `<svg aria-hidden="true" focusable="false" preserveAspectRatio="xMidYMid meet" class="absolute inset-0 h-full w-full"`);
    return { svg, width: size.width, height: size.height, markers, tiles: tileTemplate ? basemapTiles(tileTemplate, toPixel, size) : [], label: scene.label };
  } finally {
    chart.dispose();
  }
}
