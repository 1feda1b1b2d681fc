/**
 * Content-Security-Policy values. Pages: scripts only with this response's nonce (Next.js puts
 * it on its own script tags when it finds the policy on the request) and what they load
 * ('strict-dynamic'); styles from our CSS files and React's style attributes; the ELK layout
 * worker from our origin or a blob; fetches to our own API only; never framed (an incident tool
 * in someone else's frame is a clickjacking target). Everything else (JSON, files): nothing at all.
 */
export function pageContentSecurityPolicy(nonce: string, dev: boolean): string {
  return [
    "default-src 'self'",
    // React's development build evaluates code for its error overlays; production never does.
    `script-src 'self' 'nonce-${nonce}' 'strict-dynamic'${dev ? " 'unsafe-eval'" : ""}`,
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data: blob:",
    "font-src 'self'",
    "connect-src 'self'",
    "worker-src 'self' blob:",
    "object-src 'none'",
    "base-uri 'self'",
    "form-action 'self'",
    "frame-ancestors 'none'",
  ].join("; ");
}

export const NON_PAGE_CONTENT_SECURITY_POLICY = "default-src 'none'; frame-ancestors 'none'";

/** A fresh nonce: 128 random bits, base64. */
export function newNonce(): string {
  return Buffer.from(crypto.getRandomValues(new Uint8Array(16))).toString("base64");
}
