// Light/dark theme: follows the OS until the user picks one; the choice is remembered.
export type ThemeChoice = 'system' | 'light' | 'dark';
const KEY = 'gclab.theme';

function stored(): ThemeChoice {
  const v = localStorage.getItem(KEY);
  return v === 'light' || v === 'dark' ? v : 'system';
}

class Theme {
  choice = $state<ThemeChoice>(stored());
  private osDark = $state(window.matchMedia('(prefers-color-scheme: dark)').matches);
  readonly effective = $derived<'light' | 'dark'>(this.choice === 'system' ? (this.osDark ? 'dark' : 'light') : this.choice);

  constructor() {
    window.matchMedia('(prefers-color-scheme: dark)').addEventListener('change', (e) => (this.osDark = e.matches));
  }

  set(choice: ThemeChoice) {
    this.choice = choice;
    if (choice === 'system') localStorage.removeItem(KEY);
    else localStorage.setItem(KEY, choice);
  }

  /** The menu's and the toolbar's "theme" command: flip between light and dark. */
  toggle() {
    this.set(this.effective === 'dark' ? 'light' : 'dark');
  }
}

export const theme = new Theme();
