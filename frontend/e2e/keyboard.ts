// Keyboard-only entry for the browser tests: every key the user presses goes through Keys, which
// counts them, so a test can say how many keystrokes a task takes. Moving between fields is done
// with Tab (and Shift+Tab) as a user does, never by clicking or focusing from the test.
import type { Locator, Page } from '@playwright/test';

export class Keys {
  count = 0;

  constructor(private readonly page: Page) {}

  async press(key: string, times = 1): Promise<void> {
    for (let i = 0; i < times; i++) {
      await this.page.keyboard.press(key);
      this.count++;
    }
  }

  /** Types text, one keystroke per character. */
  async type(text: string): Promise<void> {
    await this.page.keyboard.type(text);
    this.count += [...text].length;
  }

  /** Presses Tab until the target has the focus (at most `max` times). */
  async tabTo(target: Locator, max = 400): Promise<void> {
    for (let i = 0; i <= max; i++) {
      if (await target.evaluate((el) => el === document.activeElement)) return;
      await this.press('Tab');
    }
    throw new Error(`${max} Tabs did not reach ${target}`);
  }

  /** Presses Tab until the focus is in the radio group `name` (on its checked or first radio). */
  async tabToGroup(name: string, max = 400): Promise<void> {
    for (let i = 0; i <= max; i++) {
      const here = await this.page.evaluate((n) => (document.activeElement as HTMLInputElement | null)?.name === n, name);
      if (here) return;
      await this.press('Tab');
    }
    throw new Error(`${max} Tabs did not reach the radio group ${name}`);
  }
}
