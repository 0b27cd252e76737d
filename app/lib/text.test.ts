import { describe, expect, it } from 'vitest';
import { markdownToPlainText } from './text';

describe('markdownToPlainText', () => {
  it('keeps the words and drops the markup', () => {
    expect(markdownToPlainText('全市公交按**日期、线路**汇总。\n\n- 来源：[一卡通](https://x.example)\n> 注意')).toBe('全市公交按日期、线路汇总。 来源：一卡通 注意');
    expect(markdownToPlainText('## 背景\n\n1. 第一\n2. 第二 `code`')).toBe('背景 第一 第二 code');
  });

  it('drops code blocks entirely', () => {
    expect(markdownToPlainText('前\n```\nselect 1\n```\n后')).toBe('前 后');
  });
});
