import { describe, expect, it } from 'vitest';
import { isPublicMailDomain, organisationDomain, possibleConflicts } from './conflict-detection';

describe('possibleConflicts', () => {
  it("flags a judge who shares an organisation's domain with a team member, including subdomains", () => {
    const judges = [
      { judgeId: 1, email: 'wang@cs.yxu.edu.cn' },
      { judgeId: 2, email: 'li@transport.gov.example' },
    ];
    const members = [
      { entryId: 10, email: 'student@yxu.edu.cn' },
      { entryId: 11, email: 'someone@other.edu.cn' },
    ];
    expect(possibleConflicts(judges, members)).toEqual([{ entryId: 10, judgeId: 1, domain: 'yxu.edu.cn' }]);
  });

  it('never matches on public mail providers', () => {
    const judges = [{ judgeId: 1, email: 'judge@qq.com' }, { judgeId: 2, email: 'j@vip.163.com' }];
    const members = [{ entryId: 10, email: 'team@qq.com' }, { entryId: 11, email: 'x@163.com' }];
    expect(possibleConflicts(judges, members)).toEqual([]);
  });

  it('lists each entry once per judge even with several members from the same place', () => {
    const found = possibleConflicts([{ judgeId: 3, email: 'a@startup.cn' }], [
      { entryId: 5, email: 'b@startup.cn' },
      { entryId: 5, email: 'c@startup.cn' },
    ]);
    expect(found).toEqual([{ entryId: 5, judgeId: 3, domain: 'startup.cn' }]);
  });
});

describe('organisationDomain', () => {
  it('keeps three labels under generic second-level domains of a country', () => {
    expect(organisationDomain('cs.pku.edu.cn')).toBe('pku.edu.cn');
    expect(organisationDomain('mail.company.com.cn')).toBe('company.com.cn');
    expect(organisationDomain('dept.example.org')).toBe('example.org');
    expect(isPublicMailDomain('vip.qq.com')).toBe(true);
    // Reserved example domains belong to no organisation (the demo accounts use one).
    expect(isPublicMailDomain('jindianzi.example')).toBe(true);
    expect(isPublicMailDomain('mail.example.org')).toBe(true);
    expect(isPublicMailDomain('yxu.edu.cn')).toBe(false);
  });
});
