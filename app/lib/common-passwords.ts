/**
 * Passwords that appear at the top of public breach corpora, including those common among
 * Chinese users (pinyin phrases, QQ numbers, keyboard walks). Compared lower-cased.
 */
export const COMMON_PASSWORDS: ReadonlySet<string> = new Set([
  '12345678', '123456789', '1234567890', '12345678910', '87654321', '11111111', '00000000',
  '88888888', '66666666', '11223344', '12341234', '123123123', '123321123', '147258369',
  '123456abc', '1234qwer', 'qwer1234', 'qwertyui', 'qwertyuiop', 'qwerty123', 'qwerty12',
  '1q2w3e4r', '1q2w3e4r5t', '1qaz2wsx', 'zaq12wsx', 'asdfghjkl', 'asdf1234', 'zxcvbnm1',
  'password', 'password1', 'password12', 'password123', 'passw0rd', 'p@ssw0rd', 'p@ssword',
  'iloveyou', 'iloveyou1', 'sunshine', 'princess', 'football', 'baseball', 'welcome1',
  'welcome123', 'admin123', 'admin1234', 'administrator', 'letmein1', 'trustno1', 'dragon123',
  'monkey123', 'superman', 'starwars', 'whatever', 'computer', 'internet', 'abcd1234',
  'abc12345', 'abc123456', 'a1234567', 'a12345678', 'a123456789', 'aa123456', 'aa12345678',
  'qq123456', 'qq1234567', 'q1w2e3r4', 'woaini1314', 'woaini520', 'woaiwojia', '5201314a',
  '52013145201314', '1314520a', 'wang1234', 'zhang123', 'li123456', 'liu123456', 'chen1234',
  'woaini123', 'nihao123', 'changeme', 'changeme1', 'test1234', 'test12345', 'guest123',
  'jindianzi', 'jindianzi1', 'jindianzi123', 'zhengfu123', 'gov123456', 'shujuju123',
]);
