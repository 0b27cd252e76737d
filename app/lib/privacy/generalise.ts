/**
 * Generalisation replaces a value by a coarser one that is still useful: a date by its year or
 * month, an ID number by birth year and region, an address by its district, an age by a 5-year
 * band. A value that cannot be generalised gives null, and is then left out rather than
 * published as it was.
 */
import type { GeneralisationKind } from '~/lib/vocabulary';
import { residentIdParts } from './detectors';

function dateParts(raw: string): { year: number; month: number | null } | null {
  const value = raw.trim();
  let m = /^(\d{4})(?:[-/.年](\d{1,2})(?:[-/.月](\d{1,2})日?)?月?)?(?:[T\s].*)?$/.exec(value);
  if (!m) {
    m = /^(\d{4})(\d{2})(\d{2})(?:\d{0,6})$/.exec(value);
  }
  if (!m) return null;
  const year = Number(m[1]);
  if (year < 1000 || year > 9999) return null;
  if (m[2] === undefined) return { year, month: null };
  const month = Number(m[2]);
  if (month < 1 || month > 12) return null;
  return { year, month };
}

/** The district-level prefix of a Chinese address: 浙江省云溪市城东区人民路12号 → 浙江省云溪市城东区. */
export function districtOf(raw: string): string | null {
  let rest = raw.trim().replace(/\s+/g, '');
  let out = '';
  const take = (pattern: RegExp): boolean => {
    const m = pattern.exec(rest);
    // 幸福小区, 高新园区: a compound, not an administrative unit.
    if (!m || /(?:小区|社区|园区|景区|校区|厂区|街区)$|[路街巷号]/.test(m[0])) return false;
    out += m[0];
    rest = rest.slice(m[0].length);
    return true;
  };
  take(/^.{2,8}?(?:省|自治区|特别行政区)/);
  const city = take(/^.{1,10}?(?:自治州|地区|市|州|盟)/);
  const district = take(/^.{1,10}?(?:区|县|旗|市)/);
  if (district || city) return out;
  return null;
}

export function ageBand(raw: string, width = 5): string | null {
  const m = /^(\d{1,3})(?:\.\d+)?\s*(?:岁|周岁)?$/.exec(raw.trim());
  if (!m) return null;
  const age = Number(m[1]);
  if (age > 130) return null;
  const low = Math.floor(age / width) * width;
  return `${low}-${low + width - 1}`;
}

export function generalise(value: string, to: GeneralisationKind): string | null {
  switch (to) {
    case 'year': {
      const id = residentIdParts(value);
      if (id) return String(id.birthYear);
      const date = dateParts(value);
      return date ? String(date.year) : null;
    }
    case 'yearMonth': {
      const date = dateParts(value);
      return date && date.month !== null ? `${date.year}-${String(date.month).padStart(2, '0')}` : null;
    }
    case 'birthYearRegion': {
      const id = residentIdParts(value);
      // The prefecture (first four digits) rather than the county: birth year plus county is too fine.
      return id ? `${id.birthYear} · ${id.region.slice(0, 4)}00` : null;
    }
    case 'district':
      return districtOf(value);
    case 'ageBand5':
      return ageBand(value, 5);
  }
}
