/**
 * Why an import failed, as a message key and parameters: the reason is stored with the job and
 * shown in the reader's language, naming the line or column where that helps.
 */
export const IMPORT_ERROR_CODES = [
  'unsupportedType',
  'mislabelled',
  'legacyXls',
  'emptyFile',
  'tooLarge',
  'binaryText',
  'undecodable',
  'undecodableUtf8',
  'noHeader',
  'emptyHeader',
  'duplicateHeader',
  'reservedHeader',
  'headerTooLong',
  'tooManyColumns',
  'fieldCount',
  'unclosedQuote',
  'textAfterQuote',
  'recordTooLarge',
  'noRows',
  'jsonMalformed',
  'jsonNotArray',
  'jsonNotObject',
  'jsonUnknownKey',
  'jsonTooDeep',
  'geojsonTooLarge',
  'geojsonNoFeatures',
  'geojsonTooManyFeatures',
  'geojsonNotFeature',
  'geojsonUnsupportedGeometry',
  'geojsonBadCoordinates',
  'geojsonOutOfRange',
  'geojsonBadRing',
  'geojsonSelfIntersecting',
  'geojsonMixedGeometry',
  'xlsxUnreadable',
  'xlsxNoSheet',
  'xlsxTooLarge',
  'interrupted',
  'stalled',
  'cellTooLarge',
  'outOfMemory',
  'storageFull',
  'internal',
] as const;
export type ImportErrorCode = (typeof IMPORT_ERROR_CODES)[number];
export type ImportErrorParams = Record<string, string | number>;

export class ImportError extends Error {
  constructor(
    readonly code: ImportErrorCode,
    readonly params: ImportErrorParams = {},
  ) {
    super(`${code} ${JSON.stringify(params)}`);
    this.name = 'ImportError';
  }
}
