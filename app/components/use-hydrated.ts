import { useEffect, useState } from 'react';

/** False in the server render and before hydration; forms show every field until then. */
export function useHydrated(): boolean {
  const [hydrated, setHydrated] = useState(false);
  useEffect(() => setHydrated(true), []);
  return hydrated;
}
