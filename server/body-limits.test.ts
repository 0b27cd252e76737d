import { describe, expect, it } from 'vitest';
import { bodyRuleFor, FORM_BODY_BYTES, SIGN_IN_BODY_BYTES } from './body-limits';

describe('request body limits', () => {
  it('give sign-in forms a few kilobytes, other forms a megabyte, uploads the upload limit', () => {
    expect(bodyRuleFor('/login')).toEqual({ maxBytes: SIGN_IN_BODY_BYTES, chunked: false });
    expect(bodyRuleFor('/register')).toEqual({ maxBytes: SIGN_IN_BODY_BYTES, chunked: false });
    expect(bodyRuleFor('/entries/12')).toEqual({ maxBytes: FORM_BODY_BYTES, chunked: false });
    expect(bodyRuleFor('/entries/12/attachments').maxBytes).toBeGreaterThan(100 * 1024 * 1024);
    expect(bodyRuleFor('/manage/datasets/bus-stops/upload').chunked).toBe(true);
    expect(bodyRuleFor('/api/3/action/resource_create').chunked).toBe(true);
    expect(bodyRuleFor('/manage/catalogue').maxBytes).toBeGreaterThan(100 * 1024 * 1024);
  });

  it('apply the same rule to the `.data` requests Remix makes when JavaScript runs', () => {
    expect(bodyRuleFor('/entries/12/attachments.data')).toEqual(bodyRuleFor('/entries/12/attachments'));
    expect(bodyRuleFor('/login.data')).toEqual(bodyRuleFor('/login'));
    expect(bodyRuleFor('/manage/datasets/bus-stops/upload.data')).toEqual(bodyRuleFor('/manage/datasets/bus-stops/upload'));
  });
});
