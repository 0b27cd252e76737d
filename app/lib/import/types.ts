/** Types shared by the import pipeline. Mirrors COLUMN_TYPES in db/schema.ts. */
export type ColumnType = 'integer' | 'decimal' | 'date' | 'text' | 'boolean';
