// The API reference's script, and only this: a "Copy" button beside each request snippet. The
// page works without it (the snippets are text one can select), so the buttons are made here,
// and only where the browser offers the Clipboard API (a secure context: https or loopback).

/** How long a button says "Copied" before it says "Copy" again. */
const SAID_MS = 2000;

/** The one place copies are announced, so a screen reader hears "Copied" once per press. */
function announcer(): HTMLElement {
  const status = document.createElement('p');
  status.className = 'visually-hidden';
  status.setAttribute('role', 'status');
  status.setAttribute('aria-live', 'polite');
  document.body.append(status);
  return status;
}

/** A button that copies the text of a snippet, named after it ("Copy curl: GET /…"). */
function copyButton(pre: HTMLElement, status: HTMLElement): HTMLButtonElement {
  const button = document.createElement('button');
  button.type = 'button';
  button.className = 'copy';
  button.textContent = 'Copy';
  const what = pre.getAttribute('aria-label');
  if (what) button.setAttribute('aria-label', `Copy ${what}`);
  let timer: ReturnType<typeof setTimeout> | undefined;
  button.addEventListener('click', async () => {
    clearTimeout(timer);
    let said: string;
    try {
      await navigator.clipboard.writeText(pre.textContent ?? '');
      said = 'Copied';
    } catch {
      said = 'Not copied: select the text and copy it';
    }
    // Emptied first, so the same words twice in a row are announced twice.
    status.textContent = '';
    status.textContent = said;
    button.textContent = said === 'Copied' ? said : 'Copy';
    timer = setTimeout(() => {
      button.textContent = 'Copy';
    }, SAID_MS);
  });
  return button;
}

const snippets = document.querySelectorAll<HTMLElement>('.snippets pre');
if (snippets.length > 0 && typeof navigator.clipboard?.writeText === 'function') {
  const status = announcer();
  for (const pre of snippets) pre.after(copyButton(pre, status));
}
