/**
 * Recognisers for personal information in single cell values. Each one is strict on purpose:
 * check digits, real dates and plausible prefixes keep look-alike codes (统一社会信用代码, order
 * numbers, timestamps) out, so a column is only flagged when its values really are personal.
 * Column-level judgement (shares, thresholds) lives in the scanner.
 */
import { orgCodeProblem } from '../org-code';

const ID_WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
const ID_CHECK = '10X98765432';

/** First two digits of a resident ID: provinces, plus 71/81/82/83 (Taiwan, Hong Kong, Macao residence permits). */
const PROVINCE_CODES = new Set([
  11, 12, 13, 14, 15, 21, 22, 23, 31, 32, 33, 34, 35, 36, 37, 41, 42, 43, 44, 45, 46, 50, 51, 52, 53, 54, 61, 62, 63, 64, 65, 71, 81, 82, 83,
]);

function isRealDate(year: number, month: number, day: number): boolean {
  if (month < 1 || month > 12 || day < 1) return false;
  const days = new Date(Date.UTC(year, month, 0)).getUTCDate();
  return day <= days;
}

function digitAt(value: string, i: number): number {
  return value.charCodeAt(i) - 48;
}

function allDigits(value: string, from = 0, to = value.length): boolean {
  for (let i = from; i < to; i += 1) {
    const code = value.charCodeAt(i);
    if (code < 48 || code > 57) return false;
  }
  return true;
}

export function residentIdCheckDigit(first17: string): string {
  let sum = 0;
  for (let i = 0; i < 17; i += 1) sum += digitAt(first17, i) * (ID_WEIGHTS[i] as number);
  return ID_CHECK[sum % 11] as string;
}

/**
 * An 18-character resident ID (GB 11643-1999) with a valid check digit and a real birth date
 * between 1900 and today, or a 15-digit legacy number with a real date.
 */
export function isResidentId(raw: string, today = new Date()): boolean {
  const value = raw.trim();
  if (value.length === 18) {
    if (!allDigits(value, 0, 17)) return false;
    const last = value[17] === 'x' ? 'X' : value[17];
    if (last !== 'X' && !allDigits(value, 17)) return false;
    if (!PROVINCE_CODES.has(Number(value.slice(0, 2)))) return false;
    const year = Number(value.slice(6, 10));
    if (year < 1900 || year > today.getUTCFullYear()) return false;
    if (!isRealDate(year, Number(value.slice(10, 12)), Number(value.slice(12, 14)))) return false;
    return residentIdCheckDigit(value) === last;
  }
  if (value.length === 15) {
    if (!allDigits(value)) return false;
    if (!PROVINCE_CODES.has(Number(value.slice(0, 2)))) return false;
    // Legacy numbers were issued until 2004 to people born in the 1900s.
    return isRealDate(1900 + Number(value.slice(6, 8)), Number(value.slice(8, 10)), Number(value.slice(10, 12)));
  }
  return false;
}

/** Birth year and region (first six digits) of a valid resident ID, for generalisation. */
export function residentIdParts(raw: string): { birthYear: number; region: string } | null {
  const value = raw.trim();
  if (!isResidentId(value)) return null;
  const birthYear = value.length === 18 ? Number(value.slice(6, 10)) : 1900 + Number(value.slice(6, 8));
  return { birthYear, region: value.slice(0, 6) };
}

/** 统一社会信用代码 (GB 32100-2015): organisations, not people; used to keep such columns unflagged. */
export function isValidUscc(raw: string): boolean {
  const value = raw.trim().toUpperCase();
  return value.length === 18 && orgCodeProblem(value) === null;
}

/** Separators people type inside phone and card numbers. */
const PHONE_SEPARATORS = /[\s\-()（）]/g;

/** Mobile numbers: 1[3-9] and nine digits, optionally after +86 / 86 / 0086, with spaces or dashes. */
export function isMobile(raw: string): boolean {
  const value = raw.trim();
  if (value.length < 11 || value.length > 20) return false;
  const compact = value.replace(PHONE_SEPARATORS, '');
  return /^(?:\+?86|0086)?1[3-9]\d{9}$/.test(compact);
}

/**
 * Landline numbers with an area code: 010 and 02x take 8 digits, other 0xxx codes 7 or 8; the
 * area code may be in brackets, after +86, and an extension may follow. Subscriber numbers never
 * start with 0 or 1, which keeps serial numbers that happen to start with 0 out.
 */
export function isLandline(raw: string): boolean {
  const value = raw.trim();
  if (value.length < 10 || value.length > 24) return false;
  const match = /^(?:\+?86[\s-]?)?(?:\((0\d{2,3})\)|（(0\d{2,3})）|(0\d{2,3}))[\s-]?([2-9]\d{6,7})(?:(?:-|转|ext\.?|#)\d{1,6})?$/i.exec(value);
  if (!match) return false;
  const area = (match[1] ?? match[2] ?? match[3]) as string;
  const subscriber = match[4] as string;
  if (area === '010' || /^02\d$/.test(area)) return subscriber.length === 8;
  return area.length === 4 && /^0[3-9]\d\d$/.test(area);
}

export function isEmail(raw: string): boolean {
  const value = raw.trim();
  if (value.length < 6 || value.length > 254) return false;
  return /^[A-Za-z0-9._%+-]{1,64}@(?:[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?\.)+[A-Za-z]{2,24}$/.test(value);
}

export function isIPv4(raw: string): boolean {
  const parts = raw.trim().replace(/:\d{1,5}$/, '').split('.');
  if (parts.length !== 4) return false;
  return parts.every((p) => /^(?:0|[1-9]\d{0,2})$/.test(p) && Number(p) <= 255);
}

export function isIPv6(raw: string): boolean {
  let value = raw.trim();
  if (value.length < 2 || value.length > 45 || value.indexOf(':') < 0) return false;
  const zone = value.indexOf('%');
  if (zone >= 0) value = value.slice(0, zone);
  let groupsNeeded = 8;
  const lastColon = value.lastIndexOf(':');
  const tail = value.slice(lastColon + 1);
  if (tail.includes('.')) {
    if (!isIPv4(tail)) return false;
    value = `${value.slice(0, lastColon + 1)}0`;
    groupsNeeded = 7;
  }
  const halves = value.split('::');
  if (halves.length > 2) return false;
  const groupsOf = (s: string) => (s === '' ? [] : s.split(':'));
  const groups = halves.flatMap(groupsOf);
  if (!groups.every((g) => /^[0-9A-Fa-f]{1,4}$/.test(g))) return false;
  // Times like 12:30:45 have too few groups and no "::", so they never pass.
  return halves.length === 2 ? groups.length < groupsNeeded : groups.length === groupsNeeded;
}

export function luhnValid(digits: string): boolean {
  let sum = 0;
  let double = false;
  for (let i = digits.length - 1; i >= 0; i -= 1) {
    let d = digitAt(digits, i);
    if (double) {
      d *= 2;
      if (d > 9) d -= 9;
    }
    sum += d;
    double = !double;
  }
  return sum % 10 === 0;
}

/**
 * The digits of a value shaped like a payment card: 13 to 19 digits (groups separated by spaces
 * or dashes allowed) starting with 3-6, the ranges of UnionPay, Visa, Mastercard, JCB and Amex.
 * Millisecond timestamps (1…), dates (2…), ISBNs and barcodes (97…, 69… is 6 but fails Luhn at
 * the column level) are thereby mostly excluded before the check digit is even looked at.
 */
export function bankCardDigits(raw: string): string | null {
  const value = raw.trim();
  if (value.length < 13 || value.length > 23) return null;
  const compact = /^\d+$/.test(value) ? value : /^\d{4}(?:[ -]\d{1,5}){2,4}$/.test(value) ? value.replace(/[ -]/g, '') : null;
  if (!compact || compact.length < 13 || compact.length > 19) return null;
  const first = compact.charCodeAt(0) - 48;
  return first >= 3 && first <= 6 ? compact : null;
}

export function isBankCard(raw: string): boolean {
  const digits = bankCardDigits(raw);
  return digits !== null && luhnValid(digits);
}

const PLATE_PROVINCES = '京津沪渝冀豫云辽黑湘皖鲁新苏浙赣鄂桂甘晋蒙陕吉闽贵粤青藏川宁琼';
const PLATE = new RegExp(
  `^[${PLATE_PROVINCES}][A-HJ-NP-Z][·•\\s-]?(?:[DF][A-HJ-NP-Z0-9]\\d{4}|\\d{5}[DF]|[A-HJ-NP-Z0-9]{4}[A-HJ-NP-Z0-9挂学警港澳])$`,
);

/** Vehicle plates: 浙A·12345, 京A12345, new-energy 沪AD12345 / 粤B12345F, trailers and learner plates. */
export function isPlate(raw: string): boolean {
  const value = raw.trim().toUpperCase();
  if (value.length < 7 || value.length > 10) return false;
  return PLATE.test(value);
}

/** The most common Chinese surnames (covering well over 90% of the population), single and compound. */
const SURNAMES = new Set(
  (
    '王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤常温康施文牛樊葛邢安齐易乔伍庞颜倪庄聂章鲁岳翟殷詹申欧耿关兰焦俞左柳甘祝包宁尚符舒阮柯纪梅童凌毕单季裴霍涂成苗谷盛曲翁冉骆蓝路游辛靳管柴蒙鲍华喻祁蒲房滕屈饶解牟艾尤阳时穆农司卓古吉缪简车项连芦麦褚娄窦戚岑景党宫费卜冷晏席卫米柏宗瞿桂全佟应臧闵苟邬边卞姬师和仇栾隋商刁沙荣巫寇桑郎甄丛仲虞敖巩明佘池查麻苑迟邝'
  ).split(''),
);
const COMPOUND_SURNAMES = ['欧阳', '司马', '上官', '诸葛', '东方', '皇甫', '尉迟', '公孙', '慕容', '长孙', '宇文', '司徒', '夏侯', '轩辕', '令狐', '端木', '西门', '南宫'];

/** Endings of place and organisation names that start with a surname character (王府井, 高新区, 李村小学). */
const NOT_A_NAME_ENDING = /[省市区县镇乡村街路道巷号楼栋室局委厅院校站所店厂园馆场队部处科组社司中心行业库河湖山桥门口岛湾港井坝塘岭]$/;

const CJK = /^[\u4e00-\u9fff]+$/;

/** A Chinese personal name: a known surname followed by one to three characters (two to four in all, "·" allowed for minority names). */
export function looksLikePersonName(raw: string): boolean {
  const value = raw.trim();
  if (value.includes('·')) {
    const parts = value.split('·');
    return parts.length === 2 && parts.every((p) => p.length >= 1 && CJK.test(p)) && value.length <= 12;
  }
  if (value.length < 2 || value.length > 4 || !CJK.test(value)) return false;
  if (NOT_A_NAME_ENDING.test(value)) return false;
  if (COMPOUND_SURNAMES.some((s) => value.startsWith(s))) return value.length >= 3 && value.length <= 4;
  return SURNAMES.has(value[0] as string) && value.length <= 4;
}

/**
 * A street address: an administrative part (省/市/区/县/镇/街道) followed by a road, village or
 * compound and a number (12号, 3栋, 501室), or a road and number on its own.
 */
export function looksLikeAddress(raw: string): boolean {
  const value = raw.trim();
  if (value.length < 6 || value.length > 120) return false;
  const hasPlace = /(?:省|自治区|市|区|县|旗|镇|乡|街道)/.test(value);
  const hasStreet = /(?:路|街|道|巷|弄|胡同|村|组|大道|小区|花园|公寓|苑|社区)/.test(value);
  const hasNumber = /\d+(?:号|栋|幢|单元|室|楼|弄|组)|[一二三四五六七八九十百]+(?:号|栋|幢|单元|室|弄|组)/.test(value);
  return hasNumber && (hasStreet || hasPlace) && (hasPlace || /(?:路|街|巷|弄|胡同)/.test(value));
}

export type HintedDetector = 'name' | 'address' | 'idCard' | 'mobile' | 'email';

/**
 * A bare "name" names stations, parks and companies as often as people: such a header only counts
 * together with values that look like personal names.
 */
export function isAmbiguousNameHeader(header: string): boolean {
  return /^(?:name|名称)$/i.test(header.trim());
}

/** Headers that say what a column holds, even where values are messy (姓名, 家庭住址, full_name …). */
export function headerHint(header: string): HintedDetector | null {
  const h = header.trim().toLowerCase().replace(/[\s_\-.]+/g, '');
  if (h === '') return null;
  if (/(?:姓名|联系人|申请人|户主|负责人姓名|法定代表人|监护人|患者|当事人|投诉人|举报人|被访人|收件人|经办人|受益人|被保险人|投保人|被征收人|共有人|持卡人|户名|车主|业主|承租人|出租人|寄件人|收货人|来信人)$/.test(h) || /^(?:name|fullname|firstname|lastname|surname|personname|contactname|contactperson|applicant|applicantname|ownername|residentname|patientname)$/.test(h)) return 'name';
  if (/(?:住址|家庭地址|居住地址|户籍地址|户籍地|现住址|详细地址|联系地址|通讯地址|收货地址|地址)$/.test(h) || /^(?:address|homeaddress|streetaddress|residentialaddress|mailingaddress|addr)$/.test(h)) return 'address';
  if (/(?:身份证|身份证号|身份证号码|证件号|证件号码|公民身份号码)$/.test(h) || /^(?:idcard|idnumber|idno|nationalid|residentid)$/.test(h)) return 'idCard';
  if (/(?:手机|手机号|手机号码|移动电话)$/.test(h) || /^(?:mobile|mobilephone|cellphone|cell)$/.test(h)) return 'mobile';
  if (/(?:邮箱|电子邮箱|电子邮件)$/.test(h) || /^(?:email|emailaddress|mail)$/.test(h)) return 'email';
  return null;
}

export type EmbeddedDetector = 'idCard' | 'mobile' | 'email' | 'bankCard';

export interface EmbeddedMatch {
  detector: EmbeddedDetector;
  start: number;
  end: number;
}

// Candidates are bounded by non-alphanumerics so a match is a whole token inside free text.
const EMBEDDED = /(?<![0-9A-Za-z])(?:(\d{17}[\dXx]|\d{15})|((?:\+?86[\s-]?)?1[3-9]\d[\s-]?\d{4}[\s-]?\d{4})|([3-6]\d{12,18}))(?![0-9A-Za-z])|([A-Za-z0-9._%+-]{1,64}@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,24})/g;

const CARD_CONTEXT = /卡|账号|账户|帐号|银行|card|account/i;

/** Personal values written inside free text (备注: "联系电话13812345678"), with their positions. */
export function findEmbedded(text: string): EmbeddedMatch[] {
  if (text.length < 6) return [];
  const found: EmbeddedMatch[] = [];
  EMBEDDED.lastIndex = 0;
  for (let m = EMBEDDED.exec(text); m !== null; m = EMBEDDED.exec(text)) {
    const start = m.index;
    const end = start + m[0].length;
    if (m[1] && isResidentId(m[1])) found.push({ detector: 'idCard', start, end });
    else if (m[2] && isMobile(m[2])) found.push({ detector: 'mobile', start, end });
    // Long order and tracking numbers pass Luhn one time in ten: inside free text a card number
    // only counts where the text talks about cards or accounts.
    else if (m[3] && isBankCard(m[3]) && CARD_CONTEXT.test(text)) found.push({ detector: 'bankCard', start, end });
    else if (m[4] && isEmail(m[4])) found.push({ detector: 'email', start, end });
  }
  return found;
}
