/**
 * WeChat's own sheets, drawn in the page: what the user answers when a button or API asks for
 * the phone number, an avatar, a photo or the profile. Each is a modal <dialog> (keyboard: Tab
 * between choices, Esc closes it as the user backing out would).
 */
export interface Choice<T extends string> {
  value: T;
  label: string;
  /** shown under the label: what WeChat then delivers */
  hint?: string;
}

function dialog(title: string, testId: string): { element: HTMLDialogElement; body: HTMLElement } {
  const element = document.createElement('dialog');
  element.className = 'pg-sheet';
  element.dataset.testid = testId;
  element.setAttribute('aria-labelledby', `${testId}-title`);
  const heading = document.createElement('h2');
  heading.id = `${testId}-title`;
  heading.textContent = title;
  const body = document.createElement('div');
  body.className = 'pg-sheet__body';
  element.append(heading, body);
  document.body.append(element);
  return { element, body };
}

/** One choice from a list; `cancelValue` when the sheet is dismissed (Esc). */
export function choose<T extends string>(title: string, testId: string, choices: Array<Choice<T>>, cancelValue: T): Promise<T> {
  const { element, body } = dialog(title, testId);
  return new Promise<T>((resolve) => {
    let answer = cancelValue;
    for (const choice of choices) {
      const button = document.createElement('button');
      button.type = 'button';
      button.className = 'pg-sheet__choice';
      button.dataset.value = choice.value;
      button.textContent = choice.label;
      if (choice.hint) {
        const hint = document.createElement('small');
        hint.textContent = choice.hint;
        button.append(hint);
      }
      button.addEventListener('click', () => {
        answer = choice.value;
        element.close();
      });
      body.append(button);
    }
    element.addEventListener('close', () => {
      element.remove();
      resolve(answer);
    });
    element.showModal();
  });
}

/** A real file picker for an image; null when the user backs out. */
export function pickImage(title: string, testId: string, cancelLabel: string): Promise<File | null> {
  const { element, body } = dialog(title, testId);
  return new Promise<File | null>((resolve) => {
    let picked: File | null = null;
    const label = document.createElement('label');
    label.className = 'pg-sheet__choice';
    label.textContent = title;
    const input = document.createElement('input');
    input.type = 'file';
    input.accept = 'image/*';
    input.addEventListener('change', () => {
      picked = input.files?.[0] ?? null;
      if (picked) element.close();
    });
    label.append(input);
    const cancel = document.createElement('button');
    cancel.type = 'button';
    cancel.className = 'pg-sheet__choice';
    cancel.dataset.value = 'cancel';
    cancel.textContent = cancelLabel;
    cancel.addEventListener('click', () => element.close());
    body.append(label, cancel);
    element.addEventListener('close', () => {
      element.remove();
      resolve(picked);
    });
    element.showModal();
  });
}

/** A short toast, as wx.showToast draws one. */
export function toast(title: string): void {
  const element = document.createElement('div');
  element.className = 'pg-toast';
  element.setAttribute('role', 'status');
  element.textContent = title;
  document.body.append(element);
  setTimeout(() => element.remove(), 2000);
}
