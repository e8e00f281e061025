/**
 * The nonce the server put in this page's Content-Security-Policy (a fresh one per page load).
 *
 * antd passes it to the styles it writes itself (ConfigProvider `csp`), but a few of its helpers
 * (the scrollbar measurement every Table does on mount) create a <style> without asking. Giving
 * every <style> our own scripts create the nonce keeps the policy strict where it matters: markup
 * injected into the page is parsed, not created through document.createElement, so it still
 * gets no nonce and the browser still refuses it.
 */
export const cspNonce =
  document.querySelector<HTMLMetaElement>('meta[name="csp-nonce"]')?.content ?? undefined;

export function nonceEveryCreatedStyle(nonce: string | undefined): void {
  if (!nonce) return;
  const create = document.createElement.bind(document);
  document.createElement = ((tagName: string, options?: ElementCreationOptions) => {
    const element = create(tagName, options);
    if (element instanceof HTMLStyleElement) element.nonce = nonce;
    return element;
  }) as typeof document.createElement;
}
