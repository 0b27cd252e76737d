/**
 * Returns `to` only when it is a same-site path, so `?redirectTo=` cannot send a user who just
 * signed in to another site (open redirect). Anything else yields the default.
 */
export function safeRedirect(to: FormDataEntryValue | string | null | undefined, defaultRedirect = '/'): string {
  if (!to || typeof to !== 'string') return defaultRedirect;
  const trimmed = to.trim();
  if (!trimmed.startsWith('/') || trimmed.startsWith('//') || trimmed.startsWith('/\\')) return defaultRedirect;
  // Control characters and backslashes let some browsers reinterpret the target.
  if (/[\u0000-\u001f\\]/.test(trimmed)) return defaultRedirect;
  return trimmed;
}
