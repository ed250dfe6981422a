// The signed-in pages' Content-Security-Policy admits a <style> or <script> element only with the
// nonce of the document's own response (proxy.ts); Next puts it on its scripts. Client code that
// adds such an element at run time (Tiptap injects its editor styles) takes it from there: each
// client-side navigation fetches its RSC payload with a fresh nonce, but the document keeps the
// policy, and so the nonce, of the response that loaded it.
export function documentCspNonce(): string | undefined {
  if (typeof document === 'undefined') return undefined;
  // The browser hides the attribute once the document is parsed; the property keeps the value.
  return document.querySelector<HTMLScriptElement>('script[nonce]')?.nonce || undefined;
}
