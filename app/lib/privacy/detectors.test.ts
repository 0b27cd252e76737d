import { describe, expect, it } from 'vitest';
import {
  findEmbedded,
  headerHint,
  isBankCard,
  isEmail,
  isIPv4,
  isIPv6,
  isLandline,
  isMobile,
  isPlate,
  isResidentId,
  isValidUscc,
  looksLikeAddress,
  looksLikePersonName,
  luhnValid,
  residentIdCheckDigit,
  residentIdParts,
} from './detectors';

describe('isResidentId', () => {
  it('accepts 18-digit numbers with a valid check digit and a real birth date', () => {
    expect(isResidentId('11010519491231002X')).toBe(true);
    expect(isResidentId('11010519491231002x')).toBe(true);
    expect(isResidentId('330102198502150019')).toBe(true);
    expect(isResidentId(' 110101198001010010 ')).toBe(true);
  });

  it('refuses a wrong check digit', () => {
    expect(isResidentId('110105194912310021')).toBe(false);
    expect(isResidentId('330102198502150018')).toBe(false);
  });

  it('refuses impossible or future birth dates even with a matching check digit', () => {
    // 1985-02-30 does not exist; check digit computed for it.
    const withCheck = (first17: string) => first17 + residentIdCheckDigit(first17);
    expect(isResidentId(withCheck('33010219850230001'))).toBe(false);
    expect(isResidentId(withCheck('33010218991231001'))).toBe(false);
    expect(isResidentId(withCheck('33010230010101001'))).toBe(false);
    expect(isResidentId(withCheck('33010219850228001'))).toBe(true);
    expect(isResidentId(withCheck('33010220000229001'))).toBe(true);
    expect(isResidentId(withCheck('33010219000229001'))).toBe(false);
  });

  it('refuses an unknown province prefix', () => {
        const first17 = '99010219850215001';
    const check = residentIdCheckDigit(first17);
    expect(isResidentId(first17 + check)).toBe(false);
  });

  it('accepts 15-digit legacy numbers with a real date only', () => {
    expect(isResidentId('110105491231002')).toBe(true);
    expect(isResidentId('110105491331002')).toBe(false);
    expect(isResidentId('200105491231002')).toBe(false);
  });

  it('refuses look-alike codes', () => {
    expect(isResidentId('91330100MA21111101')).toBe(false);
    expect(isResidentId('20240315123456789012')).toBe(false);
    expect(isResidentId('330102')).toBe(false);
  });

  it('gives birth year and region', () => {
    expect(residentIdParts('330102198502150019')).toEqual({ birthYear: 1985, region: '330102' });
    expect(residentIdParts('110105491231002')).toEqual({ birthYear: 1949, region: '110105' });
    expect(residentIdParts('330102198502150018')).toBeNull();
  });
});

describe('isValidUscc', () => {
  it('checks the GB 32100 check character', () => {
    expect(isValidUscc('91330100MA21111101')).toBe(true);
    expect(isValidUscc('123301004712345672')).toBe(true);
    expect(isValidUscc('91330100MA21111102')).toBe(false);
    expect(isValidUscc('91330100MA2111110I')).toBe(false);
  });
});

describe('phone numbers', () => {
  it('finds mobiles written in the usual ways', () => {
    for (const v of ['13812345678', '138-1234-5678', '138 1234 5678', '+86 13812345678', '8613812345678', '0086 138 1234 5678', '+86-138-1234-5678', '19912345678']) {
      expect(isMobile(v), v).toBe(true);
    }
  });

  it('refuses numbers that are not mobiles', () => {
    for (const v of ['12812345678', '1381234567', '138123456789', '23812345678', '1710468645000', '20240315']) {
      expect(isMobile(v), v).toBe(false);
    }
  });

  it('finds landlines with an area code', () => {
    for (const v of ['0571-88886666', '057188886666', '(010)62345678', '010-62345678', '021 52345678', '0571-8888666', '0571-88886666-123', '021-52345678转123', '+86 571 88886666'.replace('571', '0571')]) {
      expect(isLandline(v), v).toBe(true);
    }
  });

  it('refuses numbers without an area code and serials that start with 0', () => {
    for (const v of ['88886666', '010-1234567', '0571-08886666', '00123456789', '0123456789012345', '0101-12345678']) {
      expect(isLandline(v), v).toBe(false);
    }
  });
});

describe('e-mail and IP addresses', () => {
  it('recognises e-mail addresses', () => {
    expect(isEmail('zhang.san@example.gov.cn')).toBe(true);
    expect(isEmail('123456789@qq.com')).toBe(true);
    expect(isEmail('LI.SI@163.COM')).toBe(true);
    expect(isEmail('not an email@x')).toBe(false);
    expect(isEmail('@example.com')).toBe(false);
    expect(isEmail('a@b')).toBe(false);
  });

  it('recognises IPv4 and refuses versions and out-of-range octets', () => {
    expect(isIPv4('192.168.1.20')).toBe(true);
    expect(isIPv4('8.8.8.8')).toBe(true);
    expect(isIPv4('1.2.3')).toBe(false);
    expect(isIPv4('256.1.1.1')).toBe(false);
    expect(isIPv4('01.2.3.4')).toBe(false);
  });

  it('recognises IPv6 and refuses times', () => {
    expect(isIPv6('2001:db8::1')).toBe(true);
    expect(isIPv6('fe80::1%eth0')).toBe(true);
    expect(isIPv6('2001:0db8:85a3:0000:0000:8a2e:0370:7334')).toBe(true);
    expect(isIPv6('::ffff:192.168.1.1')).toBe(true);
    expect(isIPv6('12:30:45')).toBe(false);
    expect(isIPv6('2001:db8::1::2')).toBe(false);
    expect(isIPv6('abcd:efgh::1')).toBe(false);
  });
});

describe('bank cards', () => {
  it('implements Luhn', () => {
    expect(luhnValid('4532015112830366')).toBe(true);
    expect(luhnValid('4532015112830367')).toBe(false);
  });

  it('accepts 13-19-digit card numbers passing Luhn, also in groups', () => {
    expect(isBankCard('6222021234567890128')).toBe(true);
    expect(isBankCard('4532015112830366')).toBe(true);
    expect(isBankCard('4532 0151 1283 0366')).toBe(true);
    expect(isBankCard('6228-4800-1234-5678-903')).toBe(true);
  });

  it('refuses failing check digits and non-card prefixes', () => {
    expect(isBankCard('4532015112830367')).toBe(false);
    // Millisecond timestamps and date-based order numbers start with 1 or 2.
    expect(isBankCard('1710468645000')).toBe(false);
    expect(isBankCard('2024031512345678')).toBe(false);
    expect(isBankCard('9787111213829')).toBe(false);
    expect(isBankCard('453201511283')).toBe(false);
  });
});

describe('licence plates', () => {
  it('recognises ordinary, new-energy and special plates', () => {
    for (const v of ['浙A12345', '浙A·12345', '京AB1234', '沪AD12345', '粤B12345F', '浙AFA1234', '苏E1234挂', '川A1234学', '浙a12345']) {
      expect(isPlate(v), v).toBe(true);
    }
  });

  it('refuses other short codes', () => {
    for (const v of ['浙I12345', 'AB12345', '浙A1234', '浙A123456', '城东区12号']) {
      expect(isPlate(v), v).toBe(false);
    }
  });
});

describe('names and addresses', () => {
  it('recognises Chinese personal names', () => {
    for (const v of ['张三', '王小明', '欧阳娜娜', '司马懿', '阿依古丽·买买提', '李思思']) {
      expect(looksLikePersonName(v), v).toBe(true);
    }
  });

  it('refuses places and organisations that start with a surname character', () => {
    for (const v of ['王府井', '高新区', '李村', '张家镇', '陈家村', '黄山', '林业局', '周口店', '卫生院', 'Zhang', '张三丰大侠在此']) {
      expect(looksLikePersonName(v), v).toBe(false);
    }
  });

  it('recognises street addresses', () => {
    for (const v of ['浙江省云溪市城东区人民路12号', '北京市朝阳区建国路88号院3号楼', '城西区幸福小区5栋2单元301室', '解放路128号', '云溪县王家镇李村三组15号']) {
      expect(looksLikeAddress(v), v).toBe(true);
    }
  });

  it('refuses district names and descriptions', () => {
    for (const v of ['城东区', '云溪市城东区', '人民路', '全市共12个监测点', '第3季度']) {
      expect(looksLikeAddress(v), v).toBe(false);
    }
  });

  it('reads what a header says', () => {
    expect(headerHint('姓名')).toBe('name');
    expect(headerHint('联系人')).toBe('name');
    expect(headerHint('Full Name')).toBe('name');
    expect(headerHint('家庭住址')).toBe('address');
    expect(headerHint('address')).toBe('address');
    expect(headerHint('身份证号码')).toBe('idCard');
    expect(headerHint('单位名称')).toBeNull();
    expect(headerHint('station_name')).toBeNull();
    expect(headerHint('金额')).toBeNull();
  });
});

describe('findEmbedded', () => {
  it('finds personal values inside free text', () => {
    const text = '来电人身份证330102198502150019，手机13812345678，邮箱 zs@example.com，订单20240315123456789012';
    const found = findEmbedded(text).map((m) => [m.detector, text.slice(m.start, m.end)]);
    expect(found).toEqual([
      ['idCard', '330102198502150019'],
      ['mobile', '13812345678'],
      ['email', 'zs@example.com'],
    ]);
  });

  it('ignores digits that are part of longer numbers', () => {
    expect(findEmbedded('编号2013812345678900')).toEqual([]);
  });
});
