/** A map as a loader hands it to the page: the drawn SVG, the clickable points over it, its legend. */
export interface MapMarker {
  /** Position in the drawing's pixels (the SVG's viewBox). */
  x: number;
  y: number;
  r: number;
  colour: string;
  /** Points it stands for (1: a single row). */
  count: number;
  /** A single point opens its row; a cluster zooms in to its points. */
  href: string;
  /** Its accessible name: the row's label, or "12 points: zoom in". */
  label: string;
  selected?: boolean;
}

export interface MapTile {
  href: string;
  x: number;
  y: number;
  size: number;
}

export interface MapViewData {
  /** ECharts' SVG of boundaries and choropleth colours (no points). */
  svg: string;
  width: number;
  height: number;
  markers: MapMarker[];
  /** Basemap tiles under the drawing, when MAP_TILE_URL is set. */
  tiles: MapTile[];
  /** What the map shows, in words. */
  label: string;
}

export interface MapLegendItem {
  colour: string;
  label: string;
  detail?: string;
  shape: 'point' | 'area' | 'outline';
}

/** The row a point's popup shows: the data dictionary's labels with the values. */
export interface MapPopup {
  title: string;
  fields: { label: string; value: string }[];
  closeHref: string;
  rowHref: string;
}

/** Navigation around the view: zoom and pan links (the map works without JavaScript). */
export interface MapControls {
  zoomIn: string;
  zoomOut: string;
  reset: string;
  north: string;
  south: string;
  east: string;
  west: string;
}
