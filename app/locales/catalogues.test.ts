/**
 * Every piece of UI text lives in the catalogues: pages, components, services (mail, exports) and
 * the server hold no Chinese outside comments, except the few values that are data, not interface.
 */
import { describe, expect, it } from 'vitest';
import { readSource, sourceFiles } from '../../tests/helpers/source-files';
import { zhCN } from './zh-CN';

/** Chinese that is data rather than interface text, and why. */
const DATA_NOT_UI: Record<string, string> = {
  // CKAN's status_show site title and licence titles are catalogue data that harvesters copy as is.
  'app/services/ckan/common.server.ts': 'site_title',
  'app/services/ckan/dicts.server.ts': 'licence titles',
  // The issuer name authenticator apps show next to the code.
  'app/services/two-factor.server.ts': 'TOTP issuer',
  // The mail sender's display name default, as README documents it.
  'app/config.server.ts': 'MAIL_FROM default',
  // The name a deleted account keeps in the data (comments and teams show it like any name).
  'app/models/personal-data.server.ts': 'DELETED_NAME',
};

function withoutComments(source: string): string {
  return source.replace(/\/\*[\s\S]*?\*\//g, '').replace(/(^|[^:'"`])\/\/.*$/gm, '$1');
}

describe('the catalogues', () => {
  it('hold all UI text: no Chinese in pages, components, services or the server', () => {
    const offenders: string[] = [];
    for (const file of sourceFiles('app/routes', 'app/components', 'app/services', 'server', 'app/root.tsx', 'app/entry.server.tsx', 'app/config.server.ts')) {
      if (DATA_NOT_UI[file]) continue;
      withoutComments(readSource(file))
        .split('\n')
        .forEach((line, i) => {
          if (/[\u4e00-\u9fff]/.test(line)) offenders.push(`${file}:${i + 1}: ${line.trim()}`);
        });
    }
    expect(offenders).toEqual([]);
  });

  it('puts no space next to full-width punctuation in the Chinese catalogue (Chinese typesetting)', () => {
    const spaced = Object.entries(zhCN).filter(([, text]) => /\s[，。：；！？（）《》、“”]|[，。：；！？（）《》、“”]\s/.test(text.replace(/\n/g, '')));
    expect(spaced).toEqual([]);
  });
});
