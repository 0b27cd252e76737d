/** Both catalogues, for server code: page renders, mail, exports, the CLI. The browser loads one. */
import { registerCatalog } from '~/lib/i18n';
import { en } from './en';
import { zhCN } from './zh-CN';

registerCatalog('zh-CN', zhCN);
registerCatalog('en', en);
